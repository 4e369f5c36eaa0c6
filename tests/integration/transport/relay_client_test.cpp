#include "utils/transport/relay_client.hpp"

#include <gtest/gtest.h>

#include "integration/transport/test_server.hpp"
#include "integration/transport/test_support.hpp"
#include "utils/transport/relay_probe.hpp"
#include "models/machine_prefix.hpp"

namespace bigbrotr::utils {
namespace {

namespace asio = boost::asio;
using testing::local_relay;
using testing::run_sync;
using testing::TestServer;
using Clock = std::chrono::steady_clock;

RelayClientOptions client_options(std::optional<Keys> keys = std::nullopt) {
  RelayClientOptions options;
  options.transport.allow_local = true;
  options.transport.connect_timeout = std::chrono::seconds(3);
  options.transport.handshake_timeout = std::chrono::seconds(3);
  options.transport.read_timeout = std::chrono::seconds(3);
  options.keys = std::move(keys);
  return options;
}

models::Event note(const Keys& keys) {
  return models::Event::sign(models::unix_now(), 1, {}, "published by the test", keys.secret_key());
}

// Outside the coroutine: g++ 12 rejects initializer lists of string literals in one.
boost::json::object kind_1_filter() { return boost::json::object{{"kinds", {1}}}; }

TEST(RelayClient, SubscribeStreamsEventsThenEose) {
  TestServer server;
  run_sync([&]() -> asio::awaitable<void> {
    auto client = co_await RelayClient::connect(local_relay(server.port()), client_options());
    EXPECT_TRUE(client);
    if (!client) co_return;
    EXPECT_TRUE((co_await client->subscribe(kind_1_filter(), "feed")).ok());
    auto event = co_await client->next();
    EXPECT_TRUE(event && std::holds_alternative<EventMessage>(event.value()));
    if (event) {
      EXPECT_TRUE(std::get<EventMessage>(event.value()).event.verify());
    }
    auto eose = co_await client->next();
    EXPECT_TRUE(eose && std::get<EoseMessage>(eose.value()).subscription_id == "feed");
    EXPECT_TRUE((co_await client->unsubscribe("feed")).ok());
    co_await client->close();
  }());
  EXPECT_EQ(server.received().back(), R"(["CLOSE","feed"])");
}

TEST(RelayClient, PublishWaitsForTheOkOfItsEvent) {
  TestServer server;
  const Keys keys = Keys::generate();
  const models::Event event = note(keys);
  run_sync([&]() -> asio::awaitable<void> {
    auto client = co_await RelayClient::connect(local_relay(server.port()), client_options());
    if (!client) co_return ADD_FAILURE() << client.reason();
    auto ok = co_await client->publish(event);
    EXPECT_TRUE(ok && ok->accepted && ok->event_id == event.id_hex());
  }());
}

TEST(RelayClient, SkipsAndCountsMalformedMessages) {
  TestServer server;
  run_sync([&]() -> asio::awaitable<void> {
    auto client = co_await RelayClient::connect(local_relay(server.port(), "/garbage"), client_options());
    if (!client) co_return ADD_FAILURE() << client.reason();
    co_await client->subscribe({}, "g");
    auto message = co_await client->next();
    EXPECT_TRUE(message && std::holds_alternative<EoseMessage>(message.value()));
    EXPECT_EQ(client->counters().malformed, 7u);
    EXPECT_EQ(client->counters().unknown, 1u);
  }());
}

TEST(RelayClient, AnswersAuthChallengesWithKeys) {
  TestServer server;
  const Keys keys = Keys::generate();
  run_sync([&]() -> asio::awaitable<void> {
    auto client = co_await RelayClient::connect(local_relay(server.port(), "/auth"), client_options(keys));
    if (!client) co_return ADD_FAILURE() << client.reason();
    auto challenge = co_await client->next();
    EXPECT_TRUE(challenge && std::holds_alternative<AuthMessage>(challenge.value()));
    EXPECT_EQ(client->counters().auth_sent, 1u);
    co_await client->subscribe({}, "a");
    auto ok = co_await client->next();
    EXPECT_TRUE(ok && std::holds_alternative<OkMessage>(ok.value()) &&
                std::get<OkMessage>(ok.value()).accepted);
    auto event = co_await client->next();
    EXPECT_TRUE(event && std::holds_alternative<EventMessage>(event.value()));
  }());
  const auto received = server.received();
  ASSERT_FALSE(received.empty());
  EXPECT_TRUE(received.front().starts_with(R"(["AUTH",{)"));
}

TEST(RelayClient, PublishRetriesOnceAfterAuthRequired) {
  TestServer server;
  const Keys keys = Keys::generate();
  run_sync([&]() -> asio::awaitable<void> {
    auto client = co_await RelayClient::connect(local_relay(server.port(), "/auth"), client_options(keys));
    if (!client) co_return ADD_FAILURE() << client.reason();
    auto ok = co_await client->publish(note(keys));
    EXPECT_TRUE(ok && ok->accepted) << (ok ? ok->message : ok.reason());
  }());
}

TEST(RelayClient, PublishWithoutKeysReportsTheRejection) {
  TestServer server;
  const Keys keys = Keys::generate();
  run_sync([&]() -> asio::awaitable<void> {
    auto client = co_await RelayClient::connect(local_relay(server.port(), "/auth"), client_options());
    if (!client) co_return ADD_FAILURE() << client.reason();
    auto ok = co_await client->publish(note(keys));
    EXPECT_TRUE(ok && !ok->accepted && models::has_machine_prefix(ok->message, "auth-required"));
    auto pending = co_await client->next();  // the AUTH that arrived while waiting for OK
    EXPECT_TRUE(pending && std::holds_alternative<AuthMessage>(pending.value()));
  }());
}

TEST(RelayClient, ReadTimeoutIsBounded) {
  TestServer server;
  RelayClientOptions options = client_options();
  options.transport.read_timeout = std::chrono::milliseconds(300);
  const auto start = Clock::now();
  run_sync([&]() -> asio::awaitable<void> {
    auto client = co_await RelayClient::connect(local_relay(server.port(), "/silent"), options);
    if (!client) co_return ADD_FAILURE() << client.reason();
    co_await client->subscribe({}, "s");
    auto message = co_await client->next();
    EXPECT_EQ(message.kind(), TransportErrorKind::timeout);
  }());
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(2));
}

RelayProbeResult probe(const models::Relay& relay, TransportOptions options) {
  return run_sync(is_nostr_relay(relay, options));
}

TransportOptions probe_options() {
  TransportOptions options = client_options().transport;
  options.read_timeout = std::chrono::milliseconds(500);
  return options;
}

TEST(IsNostrRelay, ValidOnEventEoseAuthOrAuthRequired) {
  TestServer server;
  const auto relay = probe(local_relay(server.port(), "/relay"), probe_options());
  EXPECT_TRUE(relay.valid);
  EXPECT_EQ(relay.reason, "EVENT");
  const auto auth = probe(local_relay(server.port(), "/auth"), probe_options());
  EXPECT_TRUE(auth.valid);
  EXPECT_EQ(auth.reason, "AUTH challenge");
}

TEST(IsNostrRelay, InvalidOnOtherClosedNoticeOnlyOrSilence) {
  TestServer server;
  const auto closed = probe(local_relay(server.port(), "/closed"), probe_options());
  EXPECT_FALSE(closed.valid);
  EXPECT_EQ(closed.reason, "CLOSED: error: not today");
  const auto start = Clock::now();
  const auto notice = probe(local_relay(server.port(), "/notice"), probe_options());
  EXPECT_FALSE(notice.valid);
  EXPECT_TRUE(notice.reason.starts_with("timeout")) << notice.reason;
  const auto silent = probe(local_relay(server.port(), "/silent"), probe_options());
  EXPECT_FALSE(silent.valid);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
}

TEST(IsNostrRelay, InvalidWhenNothingListensOrTheServerIsNotAWebSocket) {
  TestServer server;
  EXPECT_FALSE(probe(local_relay(testing::free_port()), probe_options()).valid);
  const auto http = probe(local_relay(server.port(), "/reject"), probe_options());
  EXPECT_FALSE(http.valid);
  EXPECT_EQ(http.reason, "handshake: HTTP 403");
}

TEST(IsNostrRelay, ReportsTheInsecureFallback) {
  TestServer server(testing::TlsFiles{testing::certificates().self_signed_certificate,
                                      testing::certificates().self_signed_key});
  TransportOptions options = probe_options();
  const auto refused = probe(local_relay(server.port(), "/", "wss"), options);
  EXPECT_FALSE(refused.valid);
  EXPECT_EQ(refused.reason, "certificate: self-signed certificate");
  options.allow_insecure = true;
  const auto accepted = probe(local_relay(server.port(), "/", "wss"), options);
  EXPECT_TRUE(accepted.valid);
  EXPECT_TRUE(accepted.insecure);
}

}  // namespace
}  // namespace bigbrotr::utils
