// The status model against the fixture relay in each of its modes (docs/status.md): the
// rtt probe of a real connection judges up, restricted or down with the right reason.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "integration/checks/check_support.hpp"
#include "nips/nip66/nip66_rtt.hpp"
#include "support/fixture_relay_process.hpp"
#include "utils/transport/relay_probe.hpp"

namespace bigbrotr::nips {
namespace {

using models::RelayStatus;
using models::StatusReason;
using testing::FixtureRelayProcess;
using testing::local_relay;
using testing::run_check;

models::StatusVerdict status_at(const std::string& url) {
  RttCheckOptions rtt;
  rtt.transport = testing::local_transport();
  rtt.timeout = testing::kCheckTimeout;
  rtt.keys = utils::Keys::generate();
  return run_check(check_rtt(local_relay(url), std::move(rtt))).status;
}

models::StatusVerdict status_of(const std::vector<std::string>& fixture_options) {
  FixtureRelayProcess relay(fixture_options);
  return status_at(relay.url());
}

TEST(RelayStatusFixture, AWellBehavedRelayIsUp) {
  const models::StatusVerdict verdict = status_of({});
  EXPECT_EQ(verdict.status, RelayStatus::up) << verdict.message;
  EXPECT_EQ(verdict.reason_code(), "");
}

TEST(RelayStatusFixture, AuthIsRestricted) {
  // The fixture refuses our AUTH: the relay answered, but only to say no.
  const models::StatusVerdict verdict = status_of({"--auth", "--reject-auth", "restricted: not a member"});
  EXPECT_EQ(verdict.status, RelayStatus::restricted) << verdict.message;
  EXPECT_EQ(verdict.reason, StatusReason::auth) << verdict.message;
}

TEST(RelayStatusFixture, RestrictedClosedIsRestrictedWithTheRelaysText) {
  const models::StatusVerdict paid = status_of({"--closed", "restricted: this relay requires payment"});
  EXPECT_EQ(paid.status, RelayStatus::restricted);
  EXPECT_EQ(paid.reason, StatusReason::payment);
  EXPECT_EQ(paid.message, "restricted: this relay requires payment");

  const models::StatusVerdict members = status_of({"--closed", "restricted: members only"});
  EXPECT_EQ(members.status, RelayStatus::restricted);
  EXPECT_EQ(members.reason, StatusReason::restricted);
}

TEST(RelayStatusFixture, ProofOfWorkDemandIsRestricted) {
  const models::StatusVerdict verdict = status_of({"--reject-events", "pow: difficulty 28 required"});
  EXPECT_EQ(verdict.status, RelayStatus::restricted);
  EXPECT_EQ(verdict.reason, StatusReason::pow);
}

TEST(RelayStatusFixture, SilentRelayIsDown) {
  const models::StatusVerdict verdict = status_of({"--silent"});
  EXPECT_EQ(verdict.status, RelayStatus::down);
  EXPECT_EQ(verdict.reason, StatusReason::silent) << verdict.message;
}

TEST(RelayStatusFixture, RefusedPortIsDown) {
  FixtureRelayProcess dead;
  const std::string url = dead.url();
  dead.stop();
  const models::StatusVerdict verdict = status_at(url);
  EXPECT_EQ(verdict.status, RelayStatus::down);
  EXPECT_EQ(verdict.reason, StatusReason::refused) << verdict.message;
}

TEST(RelayStatusFixture, PlainHttpAnswerIsDownWithItsStatus) {
  const models::StatusVerdict verdict = status_of({"--no-upgrade"});
  EXPECT_EQ(verdict.status, RelayStatus::down);
  EXPECT_EQ(verdict.reason_code(), "http_200") << verdict.message;
}

TEST(RelayStatusFixture, UntrustedCertificateIsDownForTls) {
  testing::TempDir dir;
  testing::make_self_signed_certificate(dir);
  const models::StatusVerdict verdict = status_of(
      {"--tls-cert", (dir.path() / "cert.pem").string(), "--tls-key", (dir.path() / "key.pem").string()});
  EXPECT_EQ(verdict.status, RelayStatus::down);
  EXPECT_EQ(verdict.reason, StatusReason::tls) << verdict.message;
}

// The validator's probe: a relay that refuses us is still a relay.
utils::RelayProbeResult probe(const std::vector<std::string>& fixture_options) {
  FixtureRelayProcess relay(fixture_options);
  utils::TransportOptions transport = testing::local_transport();
  transport.read_timeout = testing::kCheckTimeout;
  return run_check(utils::is_nostr_relay(local_relay(relay.url()), transport));
}

TEST(RelayStatusProbe, RestrictedRelayIsPromotedWithItsReason) {
  const utils::RelayProbeResult paid = probe({"--closed", "restricted: pay to read"});
  EXPECT_TRUE(paid.valid) << paid.reason;
  EXPECT_EQ(paid.status.status, RelayStatus::restricted);
  EXPECT_EQ(paid.status.reason, StatusReason::payment);

  const utils::RelayProbeResult open = probe({});
  EXPECT_TRUE(open.valid) << open.reason;
  EXPECT_EQ(open.status.status, RelayStatus::up);

  const utils::RelayProbeResult silent = probe({"--silent"});
  EXPECT_FALSE(silent.valid);
  EXPECT_EQ(silent.status.status, RelayStatus::down);
}

}  // namespace
}  // namespace bigbrotr::nips
