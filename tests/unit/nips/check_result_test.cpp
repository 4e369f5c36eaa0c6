#include "nips/check_result.hpp"

#include <gtest/gtest.h>

namespace bigbrotr::nips {
namespace {

TEST(CheckResult, SuccessStoresDataAndLogs) {
  auto result = CheckResult::success({{"dns_ips", boost::json::array{"1.2.3.4"}}, {"dns_ttl", 300}});
  auto metadata = result.to_metadata(models::MetadataType::nip66_dns);
  ASSERT_TRUE(metadata.ok()) << metadata.reason();
  EXPECT_EQ(metadata->canonical_json(),
            R"({"data":{"dns_ips":["1.2.3.4"],"dns_ttl":300},"logs":{"success":true}})");
  EXPECT_TRUE(result.succeeded());
}

TEST(CheckResult, FailureWithoutDataKeepsOnlyLogs) {
  auto metadata = CheckResult::failure("no DNS records found").to_metadata(models::MetadataType::nip66_dns);
  ASSERT_TRUE(metadata.ok());
  EXPECT_EQ(metadata->canonical_json(), R"({"logs":{"reason":"no DNS records found","success":false}})");
}

TEST(CheckResult, SuccessWithReasonIsRejected) {
  CheckResult result = CheckResult::success({});
  result.logs["reason"] = "x";
  EXPECT_FALSE(result.to_metadata(models::MetadataType::nip66_ssl).ok());
}

TEST(CheckResult, FailureWithoutReasonIsRejected) {
  EXPECT_FALSE(CheckResult::failure("").to_metadata(models::MetadataType::nip66_ssl).ok());
  CheckResult result;
  result.logs["success"] = false;
  EXPECT_EQ(result.to_metadata(models::MetadataType::nip66_ssl).reason(),
            "invalid logs: success false requires reason");
  EXPECT_FALSE(CheckResult{}.to_metadata(models::MetadataType::nip66_ssl).ok());
}

TEST(CheckResult, RttLogsFollowThePhaseRules) {
  RttLogs logs{{true, std::nullopt}, PhaseLog{true, std::nullopt}, PhaseLog{false, "auth-required: x"}};
  auto result = CheckResult::rtt({{"rtt_open", 12}, {"rtt_read", 30}}, logs);
  EXPECT_TRUE(result.succeeded());
  auto metadata = result.to_metadata(models::MetadataType::nip66_rtt);
  ASSERT_TRUE(metadata.ok()) << metadata.reason();
  EXPECT_EQ(metadata->canonical_json(),
            R"({"data":{"rtt_open":12,"rtt_read":30},"logs":{"open_success":true,"read_success":true,)"
            R"("write_reason":"auth-required: x","write_success":false}})");
}

TEST(CheckResult, RttFailedOpenForbidsSuccessfulPhases) {
  RttLogs logs{{false, "refused"}, PhaseLog{true, std::nullopt}, std::nullopt};
  EXPECT_FALSE(CheckResult::rtt({}, logs).to_metadata(models::MetadataType::nip66_rtt).ok());
  RttLogs no_reason{{false, std::nullopt}, std::nullopt, std::nullopt};
  EXPECT_FALSE(CheckResult::rtt({}, no_reason).to_metadata(models::MetadataType::nip66_rtt).ok());
  RttLogs closed{{false, "refused"}, PhaseLog{false, "refused"}, PhaseLog{false, "refused"}};
  EXPECT_TRUE(CheckResult::rtt({}, closed).to_metadata(models::MetadataType::nip66_rtt).ok());
}

}  // namespace
}  // namespace bigbrotr::nips
