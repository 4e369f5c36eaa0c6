#include "utils/transport/http_client.hpp"

#include <fmt/format.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url.hpp>

#include <algorithm>
#include <optional>

#include "utils/transport/dial.hpp"
#include "utils/transport/io_error.hpp"
#include "utils/transport/tls.hpp"

namespace bigbrotr::utils {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
namespace urls = boost::urls;
using Clock = std::chrono::steady_clock;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
constexpr std::uint32_t kMaxHeaderBytes = 64 * 1024;

struct HopTarget {
  bool tls = false;
  std::string host;
  std::uint16_t port = 0;
  std::string host_header;
  std::string path;
};

TransportResult<HopTarget> parse_target(const urls::url& url) {
  HopTarget target;
  if (url.scheme_id() == urls::scheme::https) {
    target.tls = true;
  } else if (url.scheme_id() != urls::scheme::http) {
    return transport_error(TransportErrorKind::invalid_target, "scheme must be http or https");
  }
  target.host = url.host_address();
  std::transform(target.host.begin(), target.host.end(), target.host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (target.host.empty()) return transport_error(TransportErrorKind::invalid_target, "missing host");
  target.port = url.has_port() ? url.port_number() : (target.tls ? 443 : 80);
  if (url.has_port() && target.port == 0)
    return transport_error(TransportErrorKind::invalid_target, "invalid port");
  target.host_header = std::string(url.encoded_host_and_port());
  target.path = url.encoded_path().empty() ? "/" : std::string(url.encoded_path());
  if (url.has_query()) target.path += "?" + std::string(url.encoded_query());
  return target;
}

// The scope of the address a dialled socket reached (for the redirect rule); nullopt
// through a proxy, whose own address says nothing about the target's.
std::optional<models::AddressScope> peer_scope(const asio::ip::tcp::socket& socket,
                                               const TransportOptions& transport) {
  if (transport.proxy) return std::nullopt;
  boost::system::error_code ec;
  const auto address = socket.remote_endpoint(ec).address();
  if (ec) return std::nullopt;
  const auto literal = models::parse_ip_literal(address.to_string());
  if (!literal) return std::nullopt;
  return literal->scope();
}

std::chrono::milliseconds remaining(Clock::time_point deadline) {
  return std::max(std::chrono::milliseconds(1),
                  std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
}

template <class Stream>
asio::awaitable<TransportResult<HttpResponse>> exchange(Stream& stream, const HopTarget& target,
                                                        const HttpRequestOptions& options,
                                                        Clock::time_point deadline) {
  http::request<http::empty_body> request{http::verb::get, target.path, 11};
  request.set(http::field::host, target.host_header);
  request.set(http::field::user_agent, options.transport.user_agent);
  request.set(http::field::accept, options.accept);
  request.set(http::field::connection, "close");
  beast::get_lowest_layer(stream).expires_at(deadline);
  auto [write_ec, written] = co_await http::async_write(stream, request, kNoThrow);
  if (write_ec) co_return io_error(write_ec, "http write");

  // The parser enforces the cap while reading, chunk by chunk: nothing beyond it is kept.
  http::response_parser<http::string_body> parser;
  parser.body_limit(options.max_body_size);
  parser.header_limit(kMaxHeaderBytes);
  beast::flat_buffer buffer;
  auto [read_ec, read] = co_await http::async_read(stream, buffer, parser, kNoThrow);
  if (read_ec == http::error::header_limit) {
    co_return transport_error(TransportErrorKind::protocol,
                              fmt::format("response header over {} bytes", kMaxHeaderBytes));
  }
  if (read_ec == http::error::body_limit) {
    co_return transport_error(TransportErrorKind::too_large,
                              fmt::format("response body over {} bytes", options.max_body_size));
  }
  if (read_ec) co_return io_error(read_ec, "http read");
  auto message = parser.release();
  HttpResponse response;
  response.status = message.result_int();
  for (const auto& field : message) response.headers.emplace_back(field.name_string(), field.value());
  response.body = std::move(message.body());
  co_return response;
}

asio::awaitable<TransportResult<HttpResponse>> fetch_plain(const HopTarget& target,
                                                           const HttpRequestOptions& options,
                                                           Clock::time_point deadline) {
  TransportOptions transport = options.transport;
  transport.connect_timeout = std::min(transport.connect_timeout, remaining(deadline));
  auto socket = co_await dial(target.host, target.port, transport);
  if (!socket) co_return socket.error();
  const auto scope = peer_scope(socket.value(), transport);
  beast::tcp_stream stream(std::move(socket.value()));
  auto response = co_await exchange(stream, target, options, deadline);
  if (response) response->peer_scope = scope;
  co_return response;
}

asio::awaitable<TransportResult<HttpResponse>> fetch_tls(const HopTarget& target,
                                                         const HttpRequestOptions& options,
                                                         Clock::time_point deadline, bool verify) {
  auto context = make_tls_context(verify, options.transport.extra_ca_file);
  if (!context) co_return context.error();
  TransportOptions transport = options.transport;
  transport.connect_timeout = std::min(transport.connect_timeout, remaining(deadline));
  auto socket = co_await dial(target.host, target.port, transport);
  if (!socket) co_return socket.error();
  const auto scope = peer_scope(socket.value(), transport);
  beast::ssl_stream<beast::tcp_stream> stream(std::move(socket.value()), *context.value());
  auto prepared = prepare_tls_session(stream.native_handle(), target.host, verify);
  if (!prepared) co_return prepared.error();
  beast::get_lowest_layer(stream).expires_after(std::min(transport.handshake_timeout, remaining(deadline)));
  auto [ec] = co_await stream.async_handshake(ssl::stream_base::client, kNoThrow);
  if (ec) {
    if (auto reason = certificate_failure(stream.native_handle()); verify && reason) {
      co_return transport_error(TransportErrorKind::certificate, *reason);
    }
    co_return tls_handshake_error(ec);
  }
  auto response = co_await exchange(stream, target, options, deadline);
  if (response) response->peer_scope = scope;
  // Connection: close was requested; a missing TLS close_notify is not worth waiting for.
  beast::error_code ignored;
  beast::get_lowest_layer(stream).socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  co_return response;
}

asio::awaitable<TransportResult<HttpResponse>> fetch(const HopTarget& target,
                                                     const HttpRequestOptions& options,
                                                     Clock::time_point deadline) {
  if (!target.tls) co_return co_await fetch_plain(target, options, deadline);
  auto response = co_await fetch_tls(target, options, deadline, /*verify=*/true);
  if (response || response.kind() != TransportErrorKind::certificate || !options.transport.allow_insecure) {
    co_return response;
  }
  response = co_await fetch_tls(target, options, deadline, /*verify=*/false);
  if (response) response->insecure = true;
  co_return response;
}

bool is_redirect(unsigned status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

}  // namespace

asio::awaitable<TransportResult<HttpResponse>> http_get(std::string url, HttpRequestOptions options) {
  const auto deadline = Clock::now() + options.total_timeout;
  auto parsed = urls::parse_absolute_uri(url);
  if (!parsed) co_return transport_error(TransportErrorKind::invalid_target, "invalid URL");
  urls::url current(*parsed);
  bool insecure = false;
  for (int redirects = 0;; ++redirects) {
    auto target = parse_target(current);
    if (!target) co_return target.error();
    if (Clock::now() >= deadline)
      co_return transport_error(TransportErrorKind::timeout, "http request timed out");
    auto response = co_await fetch(target.value(), options, deadline);
    if (!response) co_return response.error();
    insecure = insecure || response->insecure;
    const auto location = find_header(response->headers, "Location");
    if (!is_redirect(response->status) || !location) {
      response->url = std::string(current.buffer());
      response->redirects = redirects;
      response->insecure = insecure;
      co_return response;
    }
    if (redirects >= options.max_redirects) {
      co_return transport_error(TransportErrorKind::protocol,
                                fmt::format("too many redirects (more than {})", options.max_redirects));
    }
    // Every later hop must stay in the scope the first one reached.
    if (!options.transport.required_scope) options.transport.required_scope = response->peer_scope;
    auto reference = urls::parse_uri_reference(*location);
    if (!reference) co_return transport_error(TransportErrorKind::protocol, "invalid redirect location");
    urls::url next;
    if (auto resolved = urls::resolve(current, *reference, next); !resolved) {
      co_return transport_error(TransportErrorKind::protocol, "invalid redirect location");
    }
    current = std::move(next);
  }
}

}  // namespace bigbrotr::utils
