#include "utils/transport/dial.hpp"

#include <fmt/format.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <utility>
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

// Asio's async_resolve runs every getaddrinfo of an io_context on one private thread, one
// after the other, so a name whose DNS server does not answer (5 s per try) held up every
// lookup queued behind it: a validator over the seed list went at ~7 relays/s. Lookups run
// on a pool of their own instead; each still blocks its thread until getaddrinfo returns.
constexpr std::size_t kResolverThreads = 32;

asio::thread_pool& resolver_pool() {
  static asio::thread_pool pool(kResolverThreads);
  return pool;
}

using Lookup = std::pair<boost::system::error_code, tcp::resolver::results_type>;

// A lookup on the pool, awaited on the caller's executor. The executor is held as
// outstanding work until the answer is posted back, so its io_context outlives the lookup
// even when the caller gave up waiting (a deadline cancelled it). Only the caller's thread
// may destroy it (the timer belongs to the caller's io_context).
struct PendingLookup {
  explicit PendingLookup(const asio::any_io_executor& executor)
      : caller(asio::prefer(executor, asio::execution::outstanding_work.tracked)), ready(executor) {
    ready.expires_at(asio::steady_timer::time_point::max());
  }
  asio::any_io_executor caller;
  asio::steady_timer ready;  // never expires: the answer cancels the wait
  std::optional<Lookup> answer;
};

asio::awaitable<TransportResult<tcp::resolver::results_type>> resolve(const std::string& host,
                                                                      std::uint16_t port) {
  auto pending = std::make_shared<PendingLookup>(co_await asio::this_coro::executor);
  asio::post(resolver_pool(), [pending, host, port]() mutable {
    tcp::resolver resolver(resolver_pool());
    Lookup lookup;
    lookup.second = resolver.resolve(host, std::to_string(port), lookup.first);
    // `pending` moves on with the answer: this thread must not hold the last reference,
    // or the timer would be destroyed here, after its io_context may be gone. The work
    // guard stays here until the answer is posted, so the io_context runs until then.
    const asio::any_io_executor caller = std::move(pending->caller);
    asio::post(caller, [pending = std::move(pending), lookup = std::move(lookup)]() mutable {
      pending->answer = std::move(lookup);
      pending->ready.cancel();
    });
  });
  while (!pending->answer) co_await pending->ready.async_wait(kNoThrow);
  auto& [error, results] = *pending->answer;
  if (error)
    co_return transport_error(TransportErrorKind::resolve, fmt::format("{}: {}", host, error.message()));
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
