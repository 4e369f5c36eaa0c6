#include "utils/transport/relay_probe.hpp"

#include <gtest/gtest.h>

namespace bigbrotr::utils {
namespace {

ProbeVerdict judge(std::string_view text) {
  return judge_probe_answer(parse_relay_message(text).value(), "p");
}

TEST(RelayProbeRule, ValidAnswers) {
  EXPECT_EQ(judge(R"(["EOSE","p"])"), ProbeVerdict::valid);
  EXPECT_EQ(judge(R"(["AUTH","challenge"])"), ProbeVerdict::valid);
  EXPECT_EQ(judge(R"(["CLOSED","p","auth-required: sign in"])"), ProbeVerdict::valid);
}

TEST(RelayProbeRule, ClosedForAnotherReasonIsInvalid) {
  EXPECT_EQ(judge(R"(["CLOSED","p","error: shutting down"])"), ProbeVerdict::invalid);
  EXPECT_EQ(judge(R"(["CLOSED","p",""])"), ProbeVerdict::invalid);
}

TEST(RelayProbeRule, OtherMessagesProveNothingYet) {
  EXPECT_EQ(judge(R"(["NOTICE","hello"])"), ProbeVerdict::keep_waiting);
  EXPECT_EQ(judge(R"(["EOSE","other"])"), ProbeVerdict::keep_waiting);
  EXPECT_EQ(judge(R"(["CLOSED","other","auth-required: x"])"), ProbeVerdict::keep_waiting);
  EXPECT_EQ(judge(R"(["OK","id",true,""])"), ProbeVerdict::keep_waiting);
}

}  // namespace
}  // namespace bigbrotr::utils
