#include "utils/transport/socks5.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include <array>

#include "utils/transport/io_error.hpp"
#include "utils/transport/socks5_protocol.hpp"

namespace bigbrotr::utils {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

// A proxy that hangs up mid-negotiation is a proxy failure, not a target failure.
TransportError proxy_io_error(const boost::system::error_code& ec, std::string_view during) {
  if (ec == asio::error::eof || ec == asio::error::connection_reset) {
    return transport_error(TransportErrorKind::proxy, std::string(during) + ": proxy closed the connection");
  }
  return io_error(ec, during);
}

asio::awaitable<TransportResult<Done>> authenticate(tcp::socket& socket, const Socks5Proxy& proxy) {
  auto request = socks5::encode_user_pass(*proxy.username, *proxy.password);
  if (!request) co_return request.error();
  auto [write_ec, written] = co_await asio::async_write(socket, asio::buffer(request.value()), kNoThrow);
  if (write_ec) co_return proxy_io_error(write_ec, "proxy authentication");
  std::array<std::uint8_t, 2> reply{};
  auto [read_ec, read] = co_await asio::async_read(socket, asio::buffer(reply), kNoThrow);
  if (read_ec) co_return proxy_io_error(read_ec, "proxy authentication");
  co_return socks5::decode_user_pass_reply(reply);
}

asio::awaitable<TransportResult<Done>> negotiate(tcp::socket& socket, const Socks5Proxy& proxy,
                                                 const std::string& host, std::uint16_t port) {
  const auto greeting = socks5::encode_greeting(proxy);
  auto [greet_ec, greeted] = co_await asio::async_write(socket, asio::buffer(greeting), kNoThrow);
  if (greet_ec) co_return proxy_io_error(greet_ec, "proxy greeting");
  std::array<std::uint8_t, 2> selection{};
  auto [select_ec, selected] = co_await asio::async_read(socket, asio::buffer(selection), kNoThrow);
  if (select_ec) co_return proxy_io_error(select_ec, "proxy greeting");
  auto method = socks5::decode_method_selection(selection, proxy);
  if (!method) co_return method.error();
  if (method.value() == socks5::kMethodUserPass) {
    auto authenticated = co_await authenticate(socket, proxy);
    if (!authenticated) co_return authenticated.error();
  }

  auto request = socks5::encode_connect(host, port);
  if (!request) co_return request.error();
  auto [connect_ec, sent] = co_await asio::async_write(socket, asio::buffer(request.value()), kNoThrow);
  if (connect_ec) co_return proxy_io_error(connect_ec, "proxy connect");
  std::array<std::uint8_t, 5> head{};
  auto [head_ec, head_read] = co_await asio::async_read(socket, asio::buffer(head), kNoThrow);
  if (head_ec) co_return proxy_io_error(head_ec, "proxy connect");
  auto remaining = socks5::decode_connect_reply_head(head);
  if (!remaining) co_return remaining.error();
  std::array<std::uint8_t, 256 + 2> rest{};
  auto [rest_ec, rest_read] =
      co_await asio::async_read(socket, asio::buffer(rest, remaining.value()), kNoThrow);
  if (rest_ec) co_return proxy_io_error(rest_ec, "proxy connect");
  co_return Done{};
}

}  // namespace

asio::awaitable<TransportResult<Done>> socks5_connect(tcp::socket& socket, Socks5Proxy proxy,
                                                      std::string host, std::uint16_t port,
                                                      std::chrono::milliseconds timeout) {
  using namespace asio::experimental::awaitable_operators;
  asio::steady_timer deadline(co_await asio::this_coro::executor, timeout);
  auto outcome = co_await (negotiate(socket, proxy, host, port) || deadline.async_wait(kNoThrow));
  if (outcome.index() == 1)
    co_return transport_error(TransportErrorKind::timeout, "proxy negotiation timed out");
  co_return std::get<0>(std::move(outcome));
}

}  // namespace bigbrotr::utils
