#include "utils/transport/relay_probe.hpp"

#include <gtest/gtest.h>

namespace bigbrotr::utils {
namespace {

using models::RelayStatus;
using models::StatusReason;

ProbeAnswer judge(std::string_view text) { return judge_probe_answer(parse_relay_message(text).value(), "p"); }

TEST(RelayProbeRule, EoseAndEventProveAnOpenRelay) {
  const ProbeAnswer eose = judge(R"(["EOSE","p"])");
  EXPECT_EQ(eose.verdict, ProbeVerdict::valid);
  EXPECT_EQ(eose.status.status, RelayStatus::up);
  EXPECT_EQ(eose.status.reason, StatusReason::none);
}

TEST(RelayProbeRule, RefusalsProveARestrictedRelay) {
  const ProbeAnswer auth = judge(R"(["AUTH","challenge"])");
  EXPECT_EQ(auth.verdict, ProbeVerdict::valid);
  EXPECT_EQ(auth.status.status, RelayStatus::restricted);
  EXPECT_EQ(auth.status.reason, StatusReason::auth);

  const ProbeAnswer closed_auth = judge(R"(["CLOSED","p","auth-required: sign in"])");
  EXPECT_EQ(closed_auth.verdict, ProbeVerdict::valid);
  EXPECT_EQ(closed_auth.status.reason, StatusReason::auth);
  EXPECT_EQ(closed_auth.status.message, "auth-required: sign in");

  const ProbeAnswer paid = judge(R"(["CLOSED","p","restricted: this relay requires payment"])");
  EXPECT_EQ(paid.verdict, ProbeVerdict::valid);
  EXPECT_EQ(paid.status.status, RelayStatus::restricted);
  EXPECT_EQ(paid.status.reason, StatusReason::payment);

  const ProbeAnswer members = judge(R"(["CLOSED","p","restricted: members only"])");
  EXPECT_EQ(members.verdict, ProbeVerdict::valid);
  EXPECT_EQ(members.status.reason, StatusReason::restricted);

  EXPECT_EQ(judge(R"(["CLOSED","p","blocked: go away"])").status.reason, StatusReason::blocked);
  EXPECT_EQ(judge(R"(["CLOSED","p","pow: 20 bits needed"])").status.reason, StatusReason::pow);
}

TEST(RelayProbeRule, ClosedForAnotherReasonIsInvalid) {
  EXPECT_EQ(judge(R"(["CLOSED","p","error: shutting down"])").verdict, ProbeVerdict::invalid);
  EXPECT_EQ(judge(R"(["CLOSED","p",""])").verdict, ProbeVerdict::invalid);
  EXPECT_EQ(judge(R"(["CLOSED","p","rate-limited: slow down"])").verdict, ProbeVerdict::invalid);
}

TEST(RelayProbeRule, OtherMessagesProveNothingYet) {
  EXPECT_EQ(judge(R"(["NOTICE","hello"])").verdict, ProbeVerdict::keep_waiting);
  EXPECT_EQ(judge(R"(["EOSE","other"])").verdict, ProbeVerdict::keep_waiting);
  EXPECT_EQ(judge(R"(["CLOSED","other","auth-required: x"])").verdict, ProbeVerdict::keep_waiting);
  EXPECT_EQ(judge(R"(["OK","id",true,""])").verdict, ProbeVerdict::keep_waiting);
}

}  // namespace
}  // namespace bigbrotr::utils
