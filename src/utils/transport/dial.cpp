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
#include <span>
#include <utility>
#include <vector>

#include "utils/dns/dns_resolver.hpp"
#include "utils/transport/address_guard.hpp"
#include "utils/transport/io_error.hpp"
#include "utils/transport/socks5.hpp"

namespace bigbrotr::utils {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

tcp::endpoint to_endpoint(const models::IpLiteral& literal, std::uint16_t port) {
  if (literal.family == models::IpLiteral::Family::v4) {
    asio::ip::address_v4::bytes_type bytes{};
    std::copy_n(literal.bytes.begin(), bytes.size(), bytes.begin());
    return {asio::ip::address_v4(bytes), port};
  }
  asio::ip::address_v6::bytes_type bytes{};
  std::copy_n(literal.bytes.begin(), bytes.size(), bytes.begin());
  return {asio::ip::address_v6(bytes), port};
}

// A c-ares lookup blocks its thread until it answers or its timeout passes, and a name
// whose DNS server does not answer takes the whole timeout: lookups run on a pool of
// their own, never on the caller's io_context thread.
constexpr std::size_t kResolverThreads = 32;

asio::thread_pool& resolver_pool() {
  static asio::thread_pool pool(kResolverThreads);
  return pool;
}

using Lookup = DnsResult<std::vector<models::IpLiteral>>;

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

asio::awaitable<TransportResult<std::vector<models::IpLiteral>>> resolve(const std::string& host,
                                                                         const TransportOptions& options) {
  auto pending = std::make_shared<PendingLookup>(co_await asio::this_coro::executor);
  DnsResolverOptions resolver_options;
  resolver_options.server = options.dns_server;
  resolver_options.timeout = options.connect_timeout;
  asio::post(resolver_pool(), [pending, host, resolver_options]() mutable {
    Lookup lookup = DnsResolver(resolver_options).resolve_addresses(host, resolver_options.timeout);
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
  if (!*pending->answer)
    co_return transport_error(TransportErrorKind::resolve,
                              fmt::format("{}: {}", host, pending->answer->error().reason));
  co_return std::move(*pending->answer).value();
}

// The redirect rule: every address must lie in the scope the first request reached.
TransportResult<Done> check_scope(std::string_view host, std::span<const models::IpLiteral> addresses,
                                  const std::optional<models::AddressScope>& required) {
  if (!required) return Done{};
  for (const models::IpLiteral& address : addresses) {
    if (address.scope() != *required) {
      return transport_error(
          TransportErrorKind::refused_local,
          fmt::format("redirect to {} ({}, {}) leaves the {} network of the first request", host,
                      address.to_string(), models::to_string(address.scope()), models::to_string(*required)));
    }
  }
  return Done{};
}

asio::awaitable<TransportResult<tcp::socket>> connect_any(std::span<const models::IpLiteral> addresses,
                                                          std::uint16_t port, std::string_view during) {
  std::vector<tcp::endpoint> endpoints;
  for (const models::IpLiteral& address : addresses) endpoints.push_back(to_endpoint(address, port));
  tcp::socket socket(co_await asio::this_coro::executor);
  auto [ec, endpoint] = co_await asio::async_connect(socket, endpoints, kNoThrow);
  if (ec) co_return io_error(ec, during);
  socket.set_option(tcp::no_delay(true), ec);  // small Nostr frames: latency over throughput
  co_return std::move(socket);
}

void mark(const TransportOptions& options, ConnectPhase phase) {
  if (options.phase) *options.phase = phase;
}

asio::awaitable<TransportResult<tcp::socket>> dial_direct(const std::string& host, std::uint16_t port,
                                                          const TransportOptions& options) {
  mark(options, ConnectPhase::resolve);
  auto addresses = co_await resolve(host, options);
  if (!addresses) co_return addresses.error();
  auto guard = check_resolved_addresses(host, addresses.value(), options.allow_local);
  if (!guard) co_return guard.error();
  auto scope = check_scope(host, addresses.value(), options.required_scope);
  if (!scope) co_return scope.error();
  mark(options, ConnectPhase::connect);
  co_return co_await connect_any(addresses.value(), port, "connect");
}

asio::awaitable<TransportResult<tcp::socket>> dial_proxied(const std::string& host, std::uint16_t port,
                                                           const TransportOptions& options) {
  const Socks5Proxy& proxy = *options.proxy;
  mark(options, ConnectPhase::connect);
  auto addresses = co_await resolve(proxy.host, options);
  if (!addresses) {
    co_return transport_error(TransportErrorKind::proxy, fmt::format("cannot resolve proxy {}", proxy.host));
  }
  auto socket = co_await connect_any(addresses.value(), proxy.port, "proxy connect");
  if (!socket) {
    co_return transport_error(
        TransportErrorKind::proxy,
        fmt::format("proxy {}:{} unreachable ({})", proxy.host, proxy.port, socket.reason()));
  }
  // The outer deadline in dial() bounds the whole thing; this one only has to be no shorter.
  mark(options, ConnectPhase::proxy);
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
    const ConnectPhase phase = options.phase ? *options.phase : ConnectPhase::connect;
    co_return transport_error(TransportErrorKind::timeout, fmt::format("{} of {}:{} did not finish in time",
                                                                       to_string(phase), host, port));
  }
  co_return std::get<0>(std::move(outcome));
}

}  // namespace bigbrotr::utils
