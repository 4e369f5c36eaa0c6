#include "nips/relay_claims.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace bigbrotr::nips {
namespace {

using models::ClaimMismatch;
using models::StatusReason;

RelayCheckReport report(std::optional<models::StatusVerdict> status, std::optional<CheckResult> nip11) {
  RelayCheckReport out;
  if (nip11) out.results.emplace_back(models::MetadataType::nip11_info, std::move(*nip11));
  out.status = std::move(status);
  return out;
}

CheckResult document(const char* json) { return CheckResult::success(boost::json::parse(json).as_object()); }

TEST(RelayClaims, NothingToCompareWithoutStatusOrNip11) {
  EXPECT_TRUE(claim_mismatches(report(std::nullopt, document("{}"))).empty());
  EXPECT_TRUE(claim_mismatches(report(models::up_verdict(), std::nullopt)).empty());
}

TEST(RelayClaims, Nip11UnreachableWhileTheRelayAnswers) {
  const auto failed = CheckResult::failure("refused: connect failed");
  EXPECT_EQ(claim_mismatches(report(models::up_verdict(), failed)),
            std::vector<ClaimMismatch>{ClaimMismatch::nip11_unreachable});
  EXPECT_EQ(claim_mismatches(report(models::restricted_verdict(StatusReason::auth, "x"), failed)),
            std::vector<ClaimMismatch>{ClaimMismatch::nip11_unreachable});
  // A relay that is down entirely contradicts nothing.
  EXPECT_TRUE(claim_mismatches(report(models::down_verdict(StatusReason::refused, "x"), failed)).empty());
}

TEST(RelayClaims, UndeclaredDemands) {
  const auto silent = document(R"({"name":"x"})");
  EXPECT_EQ(claim_mismatches(report(models::restricted_verdict(StatusReason::auth, "x"), silent)),
            std::vector<ClaimMismatch>{ClaimMismatch::auth_undeclared});
  EXPECT_EQ(claim_mismatches(report(models::restricted_verdict(StatusReason::payment, "x"),
                                    document(R"({"limitation":{"payment_required":false}})"))),
            std::vector<ClaimMismatch>{ClaimMismatch::payment_undeclared});
  EXPECT_EQ(claim_mismatches(report(models::restricted_verdict(StatusReason::pow, "x"),
                                    document(R"({"limitation":{"min_pow_difficulty":0}})"))),
            std::vector<ClaimMismatch>{ClaimMismatch::pow_undeclared});
}

TEST(RelayClaims, DeclaredDemandsAgree) {
  const auto declared =
      document(R"({"limitation":{"auth_required":true,"payment_required":true,"min_pow_difficulty":20}})");
  for (const StatusReason reason : {StatusReason::auth, StatusReason::payment, StatusReason::pow}) {
    EXPECT_TRUE(claim_mismatches(report(models::restricted_verdict(reason, "x"), declared)).empty());
  }
  models::StatusVerdict challenged_then_served = models::up_verdict();
  challenged_then_served.auth_challenged = true;
  EXPECT_TRUE(claim_mismatches(report(challenged_then_served, declared)).empty());
}

TEST(RelayClaims, AuthRequiredButServedWithoutAChallenge) {
  const auto declared = document(R"({"limitation":{"auth_required":true}})");
  EXPECT_EQ(claim_mismatches(report(models::up_verdict(), declared)),
            std::vector<ClaimMismatch>{ClaimMismatch::auth_not_enforced});
  // A relay that refused us for another reason, or was down, enforced nothing we can see.
  EXPECT_TRUE(claim_mismatches(report(models::restricted_verdict(StatusReason::payment, "x"),
                                      document(R"({"limitation":{"auth_required":true,"payment_required":true}})")))
                  .empty());
  EXPECT_TRUE(claim_mismatches(report(models::up_verdict(), document(R"({"limitation":{"auth_required":false}})")))
                  .empty());
}

}  // namespace
}  // namespace bigbrotr::nips
