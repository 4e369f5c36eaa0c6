#include "utils/transport/websocket.hpp"

#include <gtest/gtest.h>

#include "integration/transport/test_server.hpp"
#include "integration/transport/test_support.hpp"

namespace bigbrotr::utils {
namespace {

using testing::certificates;
using testing::local_relay;
using testing::run_sync;
using testing::TestServer;
using testing::TlsFiles;

TransportOptions local_options() {
  TransportOptions options;
  options.allow_local = true;
  options.connect_timeout = std::chrono::seconds(3);
  options.handshake_timeout = std::chrono::seconds(3);
  options.read_timeout = std::chrono::seconds(3);
  return options;
}

TlsFiles ca_signed() { return {certificates().server_certificate, certificates().server_key}; }
TlsFiles self_signed() { return {certificates().self_signed_certificate, certificates().self_signed_key}; }

// Connects, sends a REQ and returns the first message, or the failure reason.
std::string first_answer(const models::Relay& relay, const TransportOptions& options,
                         bool* insecure = nullptr) {
  return run_sync([&]() -> boost::asio::awaitable<std::string> {
    auto connection = co_await connect_websocket(relay, options);
    if (!connection) co_return connection.reason();
    if (insecure) *insecure = connection->insecure();
    auto sent = co_await connection->write(R"(["REQ","s",{"limit":1}])");
    if (!sent) co_return sent.reason();
    auto message = co_await connection->read();
    co_await connection->close();
    if (!message) co_return message.reason();
    co_return message.value();
  }());
}

TEST(WebSocket, PlainConnectExchangesMessagesAndKeepsUpgradeHeaders) {
  TestServer server;
  run_sync([&]() -> boost::asio::awaitable<void> {
    auto connection = co_await connect_websocket(local_relay(server.port(), "/relay"), local_options());
    EXPECT_TRUE(connection) << (connection ? "" : connection.reason());
    if (!connection) co_return;
    EXPECT_FALSE(connection->insecure());
    EXPECT_EQ(find_header(connection->upgrade_headers(), "server"), "bigbrotr-test-relay");
    EXPECT_EQ(find_header(connection->upgrade_headers(), "X-Powered-By"), "beast");
    EXPECT_TRUE((co_await connection->write(R"(["REQ","s",{}])")).ok());
    auto event = co_await connection->read();
    EXPECT_TRUE(event && event.value().starts_with(R"(["EVENT","s",)"));
    auto eose = co_await connection->read();
    EXPECT_TRUE(eose && eose.value() == R"(["EOSE","s"])");
    co_await connection->close();
    EXPECT_FALSE(connection->is_open());
    EXPECT_EQ((co_await connection->read()).kind(), TransportErrorKind::closed);
  }());
}

TEST(WebSocket, TlsVerifiesACertificateFromATrustedCa) {
  TestServer server(ca_signed());
  TransportOptions options = local_options();
  options.extra_ca_file = certificates().ca_certificate;
  bool insecure = true;
  EXPECT_TRUE(
      first_answer(local_relay(server.port(), "/", "wss"), options, &insecure).starts_with(R"(["EVENT")"));
  EXPECT_FALSE(insecure);
  EXPECT_TRUE(
      first_answer(local_relay(server.port(), "/", "wss", "localhost"), options).starts_with(R"(["EVENT")"));
}

TEST(WebSocket, TlsFailsWithTheCertificateReasonWhenTheCaIsUnknown) {
  TestServer server(ca_signed());
  EXPECT_EQ(first_answer(local_relay(server.port(), "/", "wss"), local_options()),
            "certificate: unable to get local issuer certificate");
}

TEST(WebSocket, SelfSignedCertificateFailsWithoutAllowInsecure) {
  TestServer server(self_signed());
  EXPECT_EQ(first_answer(local_relay(server.port(), "/", "wss"), local_options()),
            "certificate: self-signed certificate");
  EXPECT_EQ(server.connections(), 1);  // no second attempt
}

TEST(WebSocket, SelfSignedCertificateFallsBackOnceWhenAllowedAndIsMarkedInsecure) {
  TestServer server(self_signed());
  TransportOptions options = local_options();
  options.allow_insecure = true;
  bool insecure = false;
  EXPECT_TRUE(
      first_answer(local_relay(server.port(), "/", "wss"), options, &insecure).starts_with(R"(["EVENT")"));
  EXPECT_TRUE(insecure);
  EXPECT_EQ(server.connections(), 2);
}

TEST(WebSocket, TlsToAPlainServerIsATlsFailureNotACertificateOne) {
  TestServer server;
  TransportOptions options = local_options();
  options.allow_insecure = true;
  const std::string reason = first_answer(local_relay(server.port(), "/", "wss"), options);
  EXPECT_TRUE(reason.starts_with("tls: ")) << reason;
  EXPECT_EQ(server.connections(), 1);
}

TEST(WebSocket, NonUpgradeAnswerIsAHandshakeFailure) {
  TestServer server;
  EXPECT_EQ(first_answer(local_relay(server.port(), "/reject"), local_options()), "handshake: HTTP 403");
}

TEST(WebSocket, LocalTargetsAreRefusedUnlessAllowed) {
  TestServer server;
  TransportOptions options = local_options();
  options.allow_local = false;
  EXPECT_EQ(first_answer(local_relay(server.port()), options), "refused_local: 127.0.0.1 is a local address");
  EXPECT_EQ(server.connections(), 0);
}

TEST(WebSocket, ClosedPortIsRefused) {
  const std::string reason = first_answer(local_relay(testing::free_port()), local_options());
  EXPECT_TRUE(reason.starts_with("refused: ")) << reason;
}

}  // namespace
}  // namespace bigbrotr::utils
