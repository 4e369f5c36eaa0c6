#include "utils/transport/socks5.hpp"

#include <gtest/gtest.h>

#include "integration/transport/test_server.hpp"
#include "integration/transport/test_support.hpp"
#include "utils/transport/http_client.hpp"
#include "utils/transport/relay_probe.hpp"
#include "utils/transport/websocket.hpp"

namespace bigbrotr::utils {
namespace {

using testing::local_relay;
using testing::Microsocks;
using testing::run_sync;
using testing::TestServer;

TransportOptions proxied(std::uint16_t proxy_port, std::optional<std::string> user = std::nullopt,
                         std::optional<std::string> password = std::nullopt) {
  TransportOptions options;
  options.allow_local = true;
  options.connect_timeout = std::chrono::seconds(3);
  options.read_timeout = std::chrono::seconds(3);
  options.proxy = Socks5Proxy{"127.0.0.1", proxy_port, std::move(user), std::move(password)};
  return options;
}

std::string exchange(const models::Relay& relay, const TransportOptions& options) {
  return run_sync([&]() -> boost::asio::awaitable<std::string> {
    auto connection = co_await connect_websocket(relay, options);
    if (!connection) co_return connection.reason();
    co_await connection->write(R"(["REQ","s",{}])");
    auto message = co_await connection->read();
    if (!message) co_return message.reason();
    co_return message.value().substr(0, 8);
  }());
}

TEST(Socks5, ReachesARelayThroughTheProxy) {
  TestServer server;
  Microsocks proxy;
  EXPECT_EQ(exchange(local_relay(server.port()), proxied(proxy.port())), R"(["EVENT")");
  EXPECT_TRUE(run_sync(is_nostr_relay(local_relay(server.port()), proxied(proxy.port()))).valid);
}

TEST(Socks5, TheProxyResolvesNames) {
  TestServer server;
  Microsocks proxy;
  EXPECT_EQ(exchange(local_relay(server.port(), "/", "ws", "localhost"), proxied(proxy.port())),
            R"(["EVENT")");
}

TEST(Socks5, HttpGoesThroughTheProxyToo) {
  TestServer server;
  Microsocks proxy;
  HttpRequestOptions options;
  options.transport = proxied(proxy.port());
  const auto response =
      run_sync(http_get("http://localhost:" + std::to_string(server.port()) + "/r1", options));
  ASSERT_TRUE(response) << response.reason();
  EXPECT_EQ(response->status, 200u);
}

TEST(Socks5, UsernamePasswordAuthentication) {
  TestServer server;
  Microsocks proxy("alice", "secret");
  EXPECT_EQ(exchange(local_relay(server.port()), proxied(proxy.port(), "alice", "secret")), R"(["EVENT")");
  EXPECT_EQ(exchange(local_relay(server.port()), proxied(proxy.port(), "alice", "wrong")),
            "proxy: authentication refused");
  EXPECT_EQ(exchange(local_relay(server.port()), proxied(proxy.port())),
            "proxy: no acceptable authentication method");
}

TEST(Socks5, ProxyDownIsAClearProxyFailure) {
  const std::uint16_t nothing = testing::free_port();
  const std::string reason = exchange(local_relay(8080), proxied(nothing));
  EXPECT_TRUE(reason.starts_with("proxy: proxy 127.0.0.1:" + std::to_string(nothing) + " unreachable"))
      << reason;
}

TEST(Socks5, TargetFailureIsReportedByReplyCode) {
  Microsocks proxy;
  const std::string reason = exchange(local_relay(testing::free_port()), proxied(proxy.port()));
  EXPECT_TRUE(reason.starts_with("proxy: ") && reason.find("(reply 0x0") != std::string::npos) << reason;
}

TEST(Socks5, ProxiedLocalTargetsStillNeedAllowLocal) {
  Microsocks proxy;
  TransportOptions options = proxied(proxy.port());
  options.allow_local = false;
  EXPECT_EQ(exchange(local_relay(8080, "/", "ws", "localhost"), options),
            "refused_local: localhost is a local address");
}

}  // namespace
}  // namespace bigbrotr::utils
