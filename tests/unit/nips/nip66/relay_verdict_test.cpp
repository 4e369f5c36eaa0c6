#include "nips/nip66/relay_verdict.hpp"

#include <gtest/gtest.h>

namespace bigbrotr::nips {
namespace {

using models::RelayStatus;
using models::StatusReason;
using utils::TransportErrorKind;

ProbeEvidence failed_open(TransportErrorKind kind, std::uint16_t http_status = 0) {
  ProbeEvidence evidence;
  evidence.open_failure = utils::transport_error(kind, "detail");
  evidence.open_failure->http_status = http_status;
  return evidence;
}

TEST(RelayVerdict, FailedOpensAreDownWithTheirReason) {
  const std::pair<TransportErrorKind, StatusReason> cases[] = {
      {TransportErrorKind::resolve, StatusReason::dns},          {TransportErrorKind::refused, StatusReason::refused},
      {TransportErrorKind::timeout, StatusReason::timeout},      {TransportErrorKind::certificate, StatusReason::tls},
      {TransportErrorKind::tls, StatusReason::tls},              {TransportErrorKind::proxy, StatusReason::proxy},
      {TransportErrorKind::refused_local, StatusReason::local},  {TransportErrorKind::protocol, StatusReason::protocol},
      {TransportErrorKind::too_large, StatusReason::protocol},   {TransportErrorKind::connection, StatusReason::connection},
      {TransportErrorKind::handshake, StatusReason::handshake},  {TransportErrorKind::invalid_target, StatusReason::invalid},
  };
  for (const auto& [kind, reason] : cases) {
    const models::StatusVerdict verdict = judge_probe(failed_open(kind));
    EXPECT_EQ(verdict.status, RelayStatus::down) << utils::to_string(kind);
    EXPECT_EQ(verdict.reason, reason) << utils::to_string(kind);
    EXPECT_EQ(verdict.message, std::string(utils::to_string(kind)) + ": detail");
  }
}

TEST(RelayVerdict, DeclinedUpgradeKeepsItsHttpStatus) {
  const models::StatusVerdict verdict = judge_probe(failed_open(TransportErrorKind::handshake, 502));
  EXPECT_EQ(verdict.status, RelayStatus::down);
  EXPECT_EQ(verdict.reason_code(), "http_502");
}

TEST(RelayVerdict, AnsweredReadIsUp) {
  ProbeEvidence evidence;
  evidence.read_answered = true;
  EXPECT_EQ(judge_probe(evidence).status, RelayStatus::up);
  // A write refused for no reason of access (duplicate, rate limit) leaves it up.
  evidence.write_answered = true;
  evidence.write_refusal = "rate-limited: slow down";
  const models::StatusVerdict verdict = judge_probe(evidence);
  EXPECT_EQ(verdict.status, RelayStatus::up);
  EXPECT_EQ(verdict.message, "rate-limited: slow down");
}

TEST(RelayVerdict, ReadRefusalDecidesFirst) {
  ProbeEvidence evidence;
  evidence.read_answered = true;
  evidence.read_refusal = "auth-required: members";
  evidence.write_answered = true;
  evidence.write_refusal = "pow: 28 bits";
  const models::StatusVerdict verdict = judge_probe(evidence);
  EXPECT_EQ(verdict.status, RelayStatus::restricted);
  EXPECT_EQ(verdict.reason, StatusReason::auth);
  EXPECT_EQ(verdict.message, "auth-required: members");
}

TEST(RelayVerdict, WriteRefusalRestricts) {
  ProbeEvidence evidence;
  evidence.read_answered = true;
  evidence.write_answered = true;
  evidence.write_refusal = "restricted: not a member";
  EXPECT_EQ(judge_probe(evidence).reason, StatusReason::writes);
  evidence.write_refusal = "pow: difficulty 30";
  EXPECT_EQ(judge_probe(evidence).reason, StatusReason::pow);
  evidence.write_refusal = "restricted: pay first";
  EXPECT_EQ(judge_probe(evidence).reason, StatusReason::payment);
}

TEST(RelayVerdict, OnlyAnAuthChallengeIsRestricted) {
  ProbeEvidence evidence;
  evidence.auth_challenged = true;
  const models::StatusVerdict verdict = judge_probe(evidence);
  EXPECT_EQ(verdict.status, RelayStatus::restricted);
  EXPECT_EQ(verdict.reason, StatusReason::auth);
}

TEST(RelayVerdict, OpenButSilentIsDown) {
  ProbeEvidence evidence;
  evidence.silence = "timeout: read timed out";
  const models::StatusVerdict verdict = judge_probe(evidence);
  EXPECT_EQ(verdict.status, RelayStatus::down);
  EXPECT_EQ(verdict.reason, StatusReason::silent);
  EXPECT_EQ(verdict.message, "timeout: read timed out");
}

}  // namespace
}  // namespace bigbrotr::nips
