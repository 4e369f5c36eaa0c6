#include "utils/transport/dial.hpp"

#include <fmt/format.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <vector>

#include "utils/transport/address_guard.hpp"
#include "utils/transport/io_error.hpp"
#include "utils/transport/socks5.hpp"

namespace bigbrotr::utils {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

models::IpLiteral to_ip_literal(const asio::ip::address& address) {
  models::IpLiteral literal;
  if (address.is_v4()) {
    const auto bytes = address.to_v4().to_bytes();
    std::copy(bytes.begin(), bytes.end(), literal.bytes.begin());
  } else {
    literal.family = models::IpLiteral::Family::v6;
    const auto bytes = address.to_v6().to_bytes();
    std::copy(bytes.begin(), bytes.end(), literal.bytes.begin());
  }
  return literal;
}

asio::awaitable<TransportResult<tcp::resolver::results_type>> resolve(const std::string& host,
                                                                      std::uint16_t port) {
  tcp::resolver resolver(co_await asio::this_coro::executor);
  auto [ec, results] = co_await resolver.async_resolve(host, std::to_string(port), kNoThrow);
  if (ec) co_return transport_error(TransportErrorKind::resolve, fmt::format("{}: {}", host, ec.message()));
  co_return results;
}

asio::awaitable<TransportResult<tcp::socket>> connect_any(const tcp::resolver::results_type& endpoints,
                                                          std::string_view during) {
  tcp::socket socket(co_await asio::this_coro::executor);
  auto [ec, endpoint] = co_await asio::async_connect(socket, endpoints, kNoThrow);
  if (ec) co_return io_error(ec, during);
  socket.set_option(tcp::no_delay(true), ec);  // small Nostr frames: latency over throughput
  co_return std::move(socket);
}

asio::awaitable<TransportResult<tcp::socket>> dial_direct(const std::string& host, std::uint16_t port,
                                                          const TransportOptions& options) {
  auto endpoints = co_await resolve(host, port);
  if (!endpoints) co_return endpoints.error();
  std::vector<models::IpLiteral> addresses;
  for (const auto& entry : endpoints.value()) addresses.push_back(to_ip_literal(entry.endpoint().address()));
  auto guard = check_resolved_addresses(host, addresses, options.allow_local);
  if (!guard) co_return guard.error();
  co_return co_await connect_any(endpoints.value(), "connect");
}

asio::awaitable<TransportResult<tcp::socket>> dial_proxied(const std::string& host, std::uint16_t port,
                                                           const TransportOptions& options) {
  const Socks5Proxy& proxy = *options.proxy;
  auto endpoints = co_await resolve(proxy.host, proxy.port);
  if (!endpoints) {
    co_return transport_error(TransportErrorKind::proxy, fmt::format("cannot resolve proxy {}", proxy.host));
  }
  auto socket = co_await connect_any(endpoints.value(), "proxy connect");
  if (!socket) {
    co_return transport_error(
        TransportErrorKind::proxy,
        fmt::format("proxy {}:{} unreachable ({})", proxy.host, proxy.port, socket.reason()));
  }
  // The outer deadline in dial() bounds the whole thing; this one only has to be no shorter.
  auto negotiated = co_await socks5_connect(socket.value(), proxy, host, port, options.connect_timeout);
  if (!negotiated) co_return negotiated.error();
  co_return std::move(socket.value());
}

asio::awaitable<TransportResult<tcp::socket>> dial_unbounded(const std::string& host, std::uint16_t port,
                                                             const TransportOptions& options) {
  if (options.proxy) co_return co_await dial_proxied(host, port, options);
  co_return co_await dial_direct(host, port, options);
}

}  // namespace

asio::awaitable<TransportResult<tcp::socket>> dial(std::string host, std::uint16_t port,
                                                   TransportOptions options) {
  using namespace asio::experimental::awaitable_operators;
  auto target = check_target_host(host, options.proxy.has_value(), options.allow_local);
  if (!target) co_return target.error();
  asio::steady_timer deadline(co_await asio::this_coro::executor, options.connect_timeout);
  auto outcome = co_await (dial_unbounded(host, port, options) || deadline.async_wait(kNoThrow));
  if (outcome.index() == 1) {
    co_return transport_error(TransportErrorKind::timeout,
                              fmt::format("connect to {}:{} timed out", host, port));
  }
  co_return std::get<0>(std::move(outcome));
}

}  // namespace bigbrotr::utils
