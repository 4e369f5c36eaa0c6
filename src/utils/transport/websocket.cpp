#include "utils/transport/websocket.hpp"

#include <fmt/format.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <algorithm>
#include <variant>

#include "utils/transport/dial.hpp"
#include "utils/transport/io_error.hpp"
#include "utils/transport/tls.hpp"

namespace bigbrotr::utils {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace ssl = asio::ssl;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
// Waiting for the peer's close frame is a courtesy; never let it hold a caller long.
constexpr std::chrono::milliseconds kCloseTimeout{std::chrono::seconds(5)};
// A buffer that held a big message is released rather than kept for the connection's life.
constexpr std::size_t kKeptBufferCapacity = std::size_t{64} * 1024;
// Largest piece read at once while assembling a message.
constexpr std::size_t kReadChunk = std::size_t{64} * 1024;

using PlainSocket = websocket::stream<beast::tcp_stream>;
using TlsSocket = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;

struct Target {
  std::string host;
  std::uint16_t port = 0;
  std::string host_header;
  std::string path;
};

Target target_of(const models::Relay& relay) {
  const bool tls = relay.scheme() == "wss";
  Target target{relay.host(), relay.port().value_or(tls ? 443 : 80), "",
                relay.path().empty() ? "/" : relay.path()};
  const bool ipv6 = target.host.find(':') != std::string::npos;
  target.host_header = ipv6 ? "[" + target.host + "]" : target.host;
  if (relay.port()) target.host_header += fmt::format(":{}", *relay.port());
  return target;
}

}  // namespace

struct WebSocketConnection::Impl {
  std::shared_ptr<ssl::context> tls_context;  // outlives the stream that points into it
  std::variant<std::unique_ptr<PlainSocket>, std::unique_ptr<TlsSocket>> socket;
  beast::flat_buffer buffer;
  TransportOptions options;
  HttpHeaders headers;
  bool insecure = false;
  bool open = true;
};

namespace {

template <class Socket>
asio::awaitable<TransportResult<Done>> upgrade(Socket& ws, const Target& target,
                                               const TransportOptions& options, HttpHeaders& headers) {
  const std::string user_agent = options.user_agent;
  ws.set_option(websocket::stream_base::decorator([user_agent](websocket::request_type& request) {
    request.set(beast::http::field::user_agent, user_agent);
  }));
  websocket::permessage_deflate no_compression;
  no_compression.client_enable = false;
  no_compression.server_enable = false;
  ws.set_option(no_compression);
  ws.read_message_max(0);  // enforced by read_message, see there
  ws.auto_fragment(false);

  if (options.phase) *options.phase = ConnectPhase::upgrade;
  beast::get_lowest_layer(ws).expires_after(options.handshake_timeout);
  websocket::response_type response;
  auto [ec] = co_await ws.async_handshake(response, target.host_header, target.path, kNoThrow);
  beast::get_lowest_layer(ws).expires_never();
  if (ec == websocket::error::upgrade_declined) {
    TransportError declined =
        transport_error(TransportErrorKind::handshake, fmt::format("HTTP {}", response.result_int()));
    declined.http_status = static_cast<std::uint16_t>(response.result_int());
    co_return declined;
  }
  if (ec && ec.category() == websocket::make_error_code(websocket::error::closed).category()) {
    co_return transport_error(TransportErrorKind::handshake, ec.message());
  }
  if (ec) co_return io_error(ec, "WebSocket upgrade");
  for (const auto& field : response) headers.emplace_back(field.name_string(), field.value());
  co_return Done{};
}

asio::awaitable<TransportResult<std::unique_ptr<WebSocketConnection::Impl>>> open_plain(
    const Target& target, const TransportOptions& options) {
  auto socket = co_await dial(target.host, target.port, options);
  if (!socket) co_return socket.error();
  auto impl = std::make_unique<WebSocketConnection::Impl>();
  auto ws = std::make_unique<PlainSocket>(std::move(socket.value()));
  auto upgraded = co_await upgrade(*ws, target, options, impl->headers);
  if (!upgraded) co_return upgraded.error();
  impl->socket = std::move(ws);
  co_return std::move(impl);
}

asio::awaitable<TransportResult<std::unique_ptr<WebSocketConnection::Impl>>> open_tls(
    const Target& target, const TransportOptions& options, bool verify) {
  auto context = make_tls_context(verify, options.extra_ca_file);
  if (!context) co_return context.error();
  auto socket = co_await dial(target.host, target.port, options);
  if (!socket) co_return socket.error();
  auto impl = std::make_unique<WebSocketConnection::Impl>();
  impl->tls_context = context.value();
  auto ws = std::make_unique<TlsSocket>(std::move(socket.value()), *impl->tls_context);
  auto prepared = prepare_tls_session(ws->next_layer().native_handle(), target.host, verify);
  if (!prepared) co_return prepared.error();

  if (options.phase) *options.phase = ConnectPhase::tls;
  beast::get_lowest_layer(*ws).expires_after(options.handshake_timeout);
  auto [ec] = co_await ws->next_layer().async_handshake(ssl::stream_base::client, kNoThrow);
  if (ec) {
    if (auto reason = certificate_failure(ws->next_layer().native_handle()); verify && reason) {
      co_return transport_error(TransportErrorKind::certificate, *reason);
    }
    co_return tls_handshake_error(ec);
  }
  auto upgraded = co_await upgrade(*ws, target, options, impl->headers);
  if (!upgraded) co_return upgraded.error();
  impl->socket = std::move(ws);
  co_return std::move(impl);
}

// Closes the TCP socket when `timeout` passes. Beast's stream timer is not enough here:
// after a failed read (an oversized frame, a protocol error) Beast tears the connection
// down by reading the raw socket until the peer closes it, outside that timer, so a
// hostile peer that never closes would hold the caller forever.
class Watchdog {
 public:
  Watchdog(beast::tcp_stream& stream, std::chrono::milliseconds timeout)
      : timer_(stream.get_executor(), timeout), state_(std::make_shared<State>()) {
    timer_.async_wait([&stream, state = state_](const boost::system::error_code& ec) {
      // `armed` is cleared before the stream can go away, even when this handler was
      // already queued when the timer was cancelled.
      if (ec || !state->armed) return;
      state->fired = true;
      beast::error_code ignored;
      stream.socket().close(ignored);
    });
  }
  // Asio's timer service never reports an error, so cancel() never throws.
  ~Watchdog() {  // NOLINT(bugprone-exception-escape)
    state_->armed = false;
    timer_.cancel();
  }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  bool fired() const noexcept { return state_->fired; }

 private:
  struct State {
    bool armed = true;
    bool fired = false;
  };
  asio::steady_timer timer_;
  std::shared_ptr<State> state_;
};

TransportError timed_out(std::string_view during) {
  return transport_error(TransportErrorKind::timeout, std::string(during) + " timed out");
}

template <class Socket>
asio::awaitable<TransportResult<std::string>> read_message(Socket& ws, beast::flat_buffer& buffer,
                                                           std::size_t max_size,
                                                           std::chrono::milliseconds timeout) {
  buffer.clear();
  Watchdog watchdog(beast::get_lowest_layer(ws), timeout);
  // Piece by piece with our own cap instead of async_read + read_message_max: on an
  // oversized message Beast fails the connection with a close handshake whose teardown
  // waits for the peer to hang up, and then reports the teardown's error rather than
  // message_too_big. Here a message one byte over the cap ends the connection at once,
  // and at most max_size + 1 bytes are ever buffered whatever a frame header claims.
  do {
    const std::size_t room = max_size + 1 - buffer.size();
    auto [ec, size] = co_await ws.async_read_some(buffer, std::min(room, kReadChunk), kNoThrow);
    if (watchdog.fired()) co_return timed_out("read");
    if (ec) co_return io_error(ec, "read");
    if (buffer.size() > max_size) {
      beast::error_code ignored;
      beast::get_lowest_layer(ws).socket().close(ignored);
      buffer = beast::flat_buffer();
      co_return transport_error(TransportErrorKind::too_large,
                                fmt::format("message over {} bytes", max_size));
    }
  } while (!ws.is_message_done());
  std::string text = beast::buffers_to_string(buffer.data());
  buffer.clear();
  if (buffer.capacity() > kKeptBufferCapacity) buffer.shrink_to_fit();
  co_return text;
}

template <class Socket>
asio::awaitable<TransportResult<Done>> write_message(Socket& ws, const std::string& text,
                                                     std::chrono::milliseconds timeout) {
  Watchdog watchdog(beast::get_lowest_layer(ws), timeout);
  ws.text(true);
  auto [ec, size] = co_await ws.async_write(asio::buffer(text), kNoThrow);
  if (watchdog.fired()) co_return timed_out("write");
  if (ec) co_return io_error(ec, "write");
  co_return Done{};
}

template <class Socket>
asio::awaitable<void> close_socket(Socket& ws, std::chrono::milliseconds timeout) {
  {
    Watchdog watchdog(beast::get_lowest_layer(ws), timeout);
    co_await ws.async_close(websocket::close_code::normal, kNoThrow);
  }
  beast::error_code ignored;
  beast::get_lowest_layer(ws).socket().close(ignored);
}

TransportError closed_error() { return transport_error(TransportErrorKind::closed, "connection is closed"); }

}  // namespace

std::optional<std::string> find_header(const HttpHeaders& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (beast::iequals(key, name)) return value;
  }
  return std::nullopt;
}

WebSocketConnection::WebSocketConnection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WebSocketConnection::WebSocketConnection(WebSocketConnection&&) noexcept = default;
WebSocketConnection& WebSocketConnection::operator=(WebSocketConnection&&) noexcept = default;
WebSocketConnection::~WebSocketConnection() = default;

bool WebSocketConnection::insecure() const noexcept { return impl_->insecure; }
const HttpHeaders& WebSocketConnection::upgrade_headers() const noexcept { return impl_->headers; }
bool WebSocketConnection::is_open() const noexcept { return impl_ && impl_->open; }

asio::awaitable<TransportResult<std::string>> WebSocketConnection::read() {
  co_return co_await read(impl_->options.read_timeout);
}

asio::awaitable<TransportResult<std::string>> WebSocketConnection::read(std::chrono::milliseconds timeout) {
  if (!is_open()) co_return closed_error();
  auto message = co_await std::visit(
      [&](auto& ws) { return read_message(*ws, impl_->buffer, impl_->options.max_message_size, timeout); },
      impl_->socket);
  if (!message) impl_->open = false;
  co_return message;
}

asio::awaitable<TransportResult<Done>> WebSocketConnection::write(std::string text) {
  if (!is_open()) co_return closed_error();
  auto written = co_await std::visit(
      [&](auto& ws) { return write_message(*ws, text, impl_->options.write_timeout); }, impl_->socket);
  if (!written) impl_->open = false;
  co_return written;
}

asio::awaitable<void> WebSocketConnection::close() {
  if (!is_open()) co_return;
  impl_->open = false;
  const auto timeout = std::min(impl_->options.write_timeout, kCloseTimeout);
  co_await std::visit([&](auto& ws) { return close_socket(*ws, timeout); }, impl_->socket);
}

asio::awaitable<TransportResult<WebSocketConnection>> connect_websocket(models::Relay relay,
                                                                        TransportOptions options) {
  const Target target = target_of(relay);
  TransportResult<std::unique_ptr<WebSocketConnection::Impl>> opened =
      transport_error(TransportErrorKind::invalid_target, "");
  bool insecure = false;
  if (relay.scheme() == "ws") {
    opened = co_await open_plain(target, options);
  } else {
    opened = co_await open_tls(target, options, /*verify=*/true);
    if (!opened && opened.kind() == TransportErrorKind::certificate && options.allow_insecure) {
      opened = co_await open_tls(target, options, /*verify=*/false);
      insecure = true;
    }
  }
  if (!opened) co_return opened.error();
  std::unique_ptr<WebSocketConnection::Impl> impl = std::move(opened.value());
  impl->options = std::move(options);
  impl->insecure = insecure;
  co_return WebSocketConnection(std::move(impl));
}

}  // namespace bigbrotr::utils
