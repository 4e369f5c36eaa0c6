#include <gtest/gtest.h>

#include "integration/transport/test_support.hpp"
#include "support/fixture_relay_process.hpp"
#include "utils/transport/relay_client.hpp"
#include "utils/transport/relay_probe.hpp"

// The transport against the other team's fixture relay (tests/fixtures/relay): a second,
// independent server implementation of NIP-01 / NIP-42.
namespace bigbrotr::utils {
namespace {

using testing::FixtureRelayProcess;
using testing::run_sync;

models::Relay relay_of(const FixtureRelayProcess& process) {
  return models::Relay::parse(process.url(), models::RelayParseOptions{.allow_local = true}).value();
}

TransportOptions options() {
  TransportOptions options;
  options.allow_local = true;
  options.read_timeout = std::chrono::milliseconds(1500);
  return options;
}

TEST(FixtureRelay, ProbeFollowsThePreciseRule) {
  FixtureRelayProcess plain;
  FixtureRelayProcess auth({"--auth"});
  FixtureRelayProcess closed({"--closed", "blocked: not today"});
  FixtureRelayProcess no_upgrade({"--no-upgrade"});
  EXPECT_EQ(run_sync(is_nostr_relay(relay_of(plain), options())).reason, "EOSE");
  EXPECT_TRUE(run_sync(is_nostr_relay(relay_of(auth), options())).valid);
  EXPECT_EQ(run_sync(is_nostr_relay(relay_of(closed), options())).reason, "CLOSED: blocked: not today");
  EXPECT_EQ(run_sync(is_nostr_relay(relay_of(no_upgrade), options())).reason, "handshake: HTTP 200");
}

TEST(FixtureRelay, PublishesAfterNip42Auth) {
  FixtureRelayProcess relay({"--auth"});
  const Keys keys = Keys::generate();
  const models::Event event = models::Event::sign(models::unix_now(), 1, {}, "hi fixture", keys.secret_key());
  run_sync([&]() -> boost::asio::awaitable<void> {
    RelayClientOptions client_options{options(), keys};
    auto client = co_await RelayClient::connect(relay_of(relay), std::move(client_options));
    if (!client) co_return ADD_FAILURE() << client.reason();
    auto ok = co_await client->publish(event);
    EXPECT_TRUE(ok && ok->accepted) << (ok ? ok->message : ok.reason());
    EXPECT_EQ(client->counters().auth_sent, 1u);
  }());
}

TEST(FixtureRelay, GarbageAndOversizedFramesAreHandled) {
  FixtureRelayProcess garbage({"--invalid-json"});
  run_sync([&]() -> boost::asio::awaitable<void> {
    // Named, not braced temporaries: g++ 12 destroys those twice inside co_await.
    RelayClientOptions plain_options{options(), std::nullopt};
    auto client = co_await RelayClient::connect(relay_of(garbage), std::move(plain_options));
    if (!client) co_return ADD_FAILURE() << client.reason();
    co_await client->subscribe(boost::json::object(), "g");
    auto eose = co_await client->next();
    EXPECT_TRUE(eose && std::holds_alternative<EoseMessage>(eose.value())) << (eose ? "" : eose.reason());
    EXPECT_GE(client->counters().malformed, 1u);
  }());
  FixtureRelayProcess oversized({"--oversized", "200000"});
  TransportOptions small = options();
  small.max_message_size = 100000;
  run_sync([&]() -> boost::asio::awaitable<void> {
    RelayClientOptions small_options{small, std::nullopt};
    auto client = co_await RelayClient::connect(relay_of(oversized), std::move(small_options));
    if (!client) co_return ADD_FAILURE() << client.reason();
    EXPECT_EQ((co_await client->next()).kind(), TransportErrorKind::too_large);
  }());
}

}  // namespace
}  // namespace bigbrotr::utils
