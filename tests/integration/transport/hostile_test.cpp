#include <gtest/gtest.h>

#include "integration/transport/test_server.hpp"
#include "integration/transport/test_support.hpp"
#include "utils/transport/websocket.hpp"

// Servers that misbehave: every failure must be a typed value, bounded in time and memory.
namespace bigbrotr::utils {
namespace {

using testing::local_relay;
using testing::run_sync;
using testing::TestServer;
using Clock = std::chrono::steady_clock;

TransportOptions quick_options() {
  TransportOptions options;
  options.allow_local = true;
  options.connect_timeout = std::chrono::milliseconds(500);
  options.handshake_timeout = std::chrono::milliseconds(500);
  options.read_timeout = std::chrono::milliseconds(500);
  options.max_message_size = 64 * 1024;
  return options;
}

// Connects, sends a REQ, reads once: the first failure, or "ok".
TransportResult<std::string> req_then_read(const models::Relay& relay, const TransportOptions& options) {
  return run_sync([&]() -> boost::asio::awaitable<TransportResult<std::string>> {
    auto connection = co_await connect_websocket(relay, options);
    if (!connection) co_return connection.error();
    auto sent = co_await connection->write(R"(["REQ","s",{}])");
    if (!sent) co_return sent.error();
    co_return co_await connection->read();
  }());
}

TEST(HostileServer, UpgradeNeverAnsweredTimesOutWithinTheHandshakeBound) {
  TestServer server;
  const auto start = Clock::now();
  const auto result = req_then_read(local_relay(server.port(), "/hang"), quick_options());
  EXPECT_EQ(result.kind(), TransportErrorKind::timeout) << result.reason();
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1500));
}

TEST(HostileServer, SilentAfterUpgradeTimesOutWithinTheReadBound) {
  TestServer server;
  const auto start = Clock::now();
  EXPECT_EQ(req_then_read(local_relay(server.port(), "/silent"), quick_options()).kind(),
            TransportErrorKind::timeout);
  EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1500));
}

TEST(HostileServer, DropMidFrameIsAConnectionFailure) {
  TestServer server;
  const auto result = req_then_read(local_relay(server.port(), "/drop"), quick_options());
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.kind() == TransportErrorKind::connection || result.kind() == TransportErrorKind::closed)
      << result.reason();
}

TEST(HostileServer, OversizedMessageIsRefused) {
  TestServer server;
  EXPECT_EQ(req_then_read(local_relay(server.port(), "/oversized"), quick_options()).kind(),
            TransportErrorKind::too_large);
  TransportOptions roomy = quick_options();
  roomy.max_message_size = 256 * 1024;
  EXPECT_TRUE(req_then_read(local_relay(server.port(), "/oversized"), roomy));
}

TEST(HostileServer, FrameHeaderClaimingATerabyteIsRefusedBeforeBuffering) {
  TestServer server;
  EXPECT_EQ(req_then_read(local_relay(server.port(), "/hugeheader"), quick_options()).kind(),
            TransportErrorKind::too_large);
}

TEST(HostileServer, ReadAfterAFailureReportsClosed) {
  TestServer server;
  run_sync([&]() -> boost::asio::awaitable<void> {
    auto connection = co_await connect_websocket(local_relay(server.port(), "/oversized"), quick_options());
    if (!connection) co_return ADD_FAILURE() << connection.reason();
    co_await connection->write(R"(["REQ","s",{}])");
    EXPECT_EQ((co_await connection->read()).kind(), TransportErrorKind::too_large);
    EXPECT_EQ((co_await connection->read()).kind(), TransportErrorKind::closed);
    EXPECT_EQ((co_await connection->write("x")).kind(), TransportErrorKind::closed);
  }());
}

}  // namespace
}  // namespace bigbrotr::utils
