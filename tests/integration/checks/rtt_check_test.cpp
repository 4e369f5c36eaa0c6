// check_rtt against real relays on 127.0.0.1: the npm relay (a relay we did not write)
// and the fixture relay behaving well and badly. Every failure must be a typed phase
// failure within a bounded time.
#include "nips/nip66/nip66_rtt.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "integration/checks/check_support.hpp"
#include "support/fixture_relay_process.hpp"
#include "support/npm_relay_process.hpp"
#include "utils/transport/relay_client.hpp"

namespace bigbrotr::nips {
namespace {

using Clock = std::chrono::steady_clock;
using testing::FixtureRelayProcess;
using testing::kCheckTimeout;
using testing::local_relay;
using testing::run_check;
using testing::TempDir;

// Open, read and write each get the timeout; plus slack for a loaded machine.
constexpr auto kRttBound = 3 * kCheckTimeout + std::chrono::seconds(2);

RttCheckOptions options(std::uint16_t kind = kRttTestKind) {
  RttCheckOptions rtt;
  rtt.transport = testing::local_transport();
  rtt.timeout = kCheckTimeout;
  rtt.keys = utils::Keys::generate();
  rtt.test_kind = kind;
  return rtt;
}

RttOutcome check(const std::string& url, RttCheckOptions rtt = options()) {
  return run_check(check_rtt(local_relay(url), std::move(rtt)));
}

bool phase_ok(const CheckResult& result, const std::string& phase) {
  return result.logs.at(phase + "_success").as_bool();
}
std::string phase_reason(const CheckResult& result, const std::string& phase) {
  const auto* reason = result.logs.if_contains(phase + "_reason");
  return reason != nullptr ? std::string(reason->as_string()) : std::string();
}

// Stores one kind 1 event in the relay, so that a REQ {"limit": 1} has something to return.
void publish_one(const std::string& url) {
  auto stored = run_check([](models::Relay relay) -> boost::asio::awaitable<bool> {
    utils::RelayClientOptions client_options;
    client_options.transport = testing::local_transport();
    auto client = co_await utils::RelayClient::connect(std::move(relay), std::move(client_options));
    if (!client) co_return false;
    const auto keys = utils::Keys::generate();
    auto ok =
        co_await client->publish(models::Event::sign(models::unix_now(), 1, {}, "hello", keys.secret_key()));
    co_await client->close();
    co_return ok && ok->accepted;
  }(local_relay(url)));
  ASSERT_TRUE(stored);
}

TEST(RttNpmRelay, OpenReadAndWriteSucceed) {
  if (!testing::NpmRelayProcess::available()) GTEST_SKIP() << "run npm ci in tests/peers";
  testing::NpmRelayProcess relay;
  publish_one(relay.url());
  // A regular kind is stored and so verifiable; see the next test for the NIP-66 kind.
  const auto outcome = check(relay.url(), options(1));
  const auto& result = outcome.result;
  EXPECT_TRUE(outcome.opened);
  EXPECT_TRUE(phase_ok(result, "open"));
  EXPECT_TRUE(phase_ok(result, "read")) << phase_reason(result, "read");
  EXPECT_TRUE(phase_ok(result, "write")) << phase_reason(result, "write");
  for (const char* field : {"rtt_open", "rtt_read", "rtt_write"}) {
    ASSERT_TRUE(result.data.contains(field)) << field;
    EXPECT_GE(result.data.at(field).as_int64(), 0) << field;
  }
  EXPECT_TRUE(result.to_metadata(models::MetadataType::nip66_rtt).ok());
}

TEST(RttNpmRelay, EphemeralTestKindSucceedsOnTheRelaysOk) {
  if (!testing::NpmRelayProcess::available()) GTEST_SKIP() << "run npm ci in tests/peers";
  testing::NpmRelayProcess relay;
  const auto result = check(relay.url()).result;
  EXPECT_TRUE(phase_ok(result, "open"));
  EXPECT_EQ(phase_reason(result, "read"), "no events returned");
  // The relay keeps no 22456 event (a read-back would fail), so its OK is the verdict.
  EXPECT_TRUE(phase_ok(result, "write")) << phase_reason(result, "write");
  EXPECT_TRUE(result.data.contains("rtt_write"));
}

TEST(RttFixture, ReadsStoredEventsAndKeepsUpgradeHeaders) {
  TempDir dir;
  FixtureRelayProcess relay({"--data", testing::write_events(dir, 3)});
  const auto outcome = check(relay.url(), options(1));
  EXPECT_TRUE(phase_ok(outcome.result, "read")) << phase_reason(outcome.result, "read");
  EXPECT_TRUE(phase_ok(outcome.result, "write")) << phase_reason(outcome.result, "write");
  EXPECT_EQ(utils::find_header(outcome.upgrade_headers, "Server"), "bigbrotr-fixture");
  EXPECT_FALSE(outcome.insecure);
}

TEST(RttFixture, ProofOfWorkIsMinedWhenAsked) {
  FixtureRelayProcess relay;
  auto rtt = options(1);
  rtt.min_pow_difficulty = 8;
  const auto result = check(relay.url(), std::move(rtt)).result;
  EXPECT_TRUE(phase_ok(result, "write")) << phase_reason(result, "write");
}

TEST(RttFixture, SilentRelayTimesOutTheReadInBoundedTime) {
  FixtureRelayProcess relay({"--silent"});
  const auto start = Clock::now();
  const auto result = check(relay.url()).result;
  EXPECT_LT(Clock::now() - start, kRttBound);
  EXPECT_TRUE(phase_ok(result, "open"));
  EXPECT_FALSE(phase_ok(result, "read"));
  EXPECT_TRUE(phase_reason(result, "read").starts_with("timeout")) << phase_reason(result, "read");
  EXPECT_FALSE(phase_ok(result, "write"));
  EXPECT_TRUE(result.to_metadata(models::MetadataType::nip66_rtt).ok());
}

TEST(RttFixture, NoUpgradeFailsTheOpenAndEveryPhase) {
  FixtureRelayProcess relay({"--no-upgrade"});
  const auto outcome = check(relay.url());
  EXPECT_FALSE(outcome.opened);
  for (const char* phase : {"open", "read", "write"}) {
    EXPECT_FALSE(phase_ok(outcome.result, phase)) << phase;
    EXPECT_TRUE(phase_reason(outcome.result, phase).starts_with("handshake"))
        << phase_reason(outcome.result, phase);
  }
  EXPECT_TRUE(outcome.result.data.empty());
}

// A server that accepts TCP and never answers the upgrade: the reason names the step that
// hung, not "connect".
TEST(RttFixture, AcceptingButSilentServerFailsInTheUpgradePhase) {
  const testing::SilentListener silent;
  const auto result = check("ws://127.0.0.1:" + std::to_string(silent.port())).result;
  EXPECT_FALSE(phase_ok(result, "open"));
  EXPECT_TRUE(phase_reason(result, "open").starts_with("timeout: WebSocket upgrade"))
      << phase_reason(result, "open");
}

TEST(RttFixture, DeadPortFailsTheOpen) {
  FixtureRelayProcess dead;
  const std::string url = dead.url();
  dead.stop();
  const auto result = check(url).result;
  EXPECT_FALSE(phase_ok(result, "open"));
  EXPECT_TRUE(phase_reason(result, "open").starts_with("refused: ")) << phase_reason(result, "open");
}

TEST(RttFixture, ClosedSubscriptionFailsTheReadWithTheRelayMessage) {
  FixtureRelayProcess relay({"--closed", "blocked: not today"});
  const auto result = check(relay.url()).result;
  EXPECT_TRUE(phase_ok(result, "open"));
  EXPECT_EQ(phase_reason(result, "read"), "blocked: not today");
}

TEST(RttFixture, AuthRequiredRelayIsReadAfterAuthenticating) {
  TempDir dir;
  FixtureRelayProcess relay({"--auth", "--data", testing::write_events(dir, 2)});
  const auto result = check(relay.url()).result;
  EXPECT_TRUE(phase_ok(result, "read")) << phase_reason(result, "read");
}

TEST(RttFixture, AuthRequiredRelayWithoutKeysFailsTheRead) {
  FixtureRelayProcess relay({"--auth"});
  auto rtt = options();
  rtt.keys.reset();
  const auto result = check(relay.url(), std::move(rtt)).result;
  EXPECT_TRUE(phase_reason(result, "read").starts_with("auth-required")) << phase_reason(result, "read");
  EXPECT_EQ(phase_reason(result, "write"), "no keys to sign the test event");
}

TEST(RttFixture, RejectedWriteKeepsTheRelayMessage) {
  FixtureRelayProcess relay({"--reject-events", "blocked: no writes here"});
  const auto result = check(relay.url()).result;
  EXPECT_FALSE(phase_ok(result, "write"));
  EXPECT_EQ(phase_reason(result, "write"), "blocked: no writes here");
  EXPECT_FALSE(result.data.contains("rtt_write"));
}

TEST(RttFixture, RejectionWithoutMessageIsUnknown) {
  FixtureRelayProcess relay({"--reject-events", ""});
  EXPECT_EQ(phase_reason(check(relay.url()).result, "write"), "unknown");
}

TEST(RttFixture, HostileChatterStaysBounded) {
  for (const std::vector<std::string>& flags :
       std::vector<std::vector<std::string>>{{"--invalid-json"},
                                             {"--notice-flood", "2000"},
                                             {"--oversized", "5000000"},
                                             {"--slow-ms", "3000"}}) {
    FixtureRelayProcess relay(flags);
    const auto start = Clock::now();
    const auto result = check(relay.url()).result;
    EXPECT_LT(Clock::now() - start, kRttBound) << flags[0];
    EXPECT_TRUE(result.to_metadata(models::MetadataType::nip66_rtt).ok()) << flags[0];
  }
}

TEST(RttFixture, SelfSignedCertificateOpensOnlyWhenInsecureIsAllowed) {
  TempDir dir;
  testing::make_self_signed_certificate(dir);
  FixtureRelayProcess relay(
      {"--tls-cert", (dir.path() / "cert.pem").string(), "--tls-key", (dir.path() / "key.pem").string()});
  const auto refused = check(relay.url());
  EXPECT_FALSE(refused.opened);
  EXPECT_TRUE(phase_reason(refused.result, "open").starts_with("certificate"))
      << phase_reason(refused.result, "open");

  auto rtt = options();
  rtt.transport.allow_insecure = true;
  const auto allowed = check(relay.url(), std::move(rtt));
  EXPECT_TRUE(allowed.opened) << phase_reason(allowed.result, "open");
  EXPECT_TRUE(allowed.insecure);
}

}  // namespace
}  // namespace bigbrotr::nips
