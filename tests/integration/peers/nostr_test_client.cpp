#include "nostr_test_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <algorithm>
#include <functional>

namespace bigbrotr::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using asio::ip::tcp;

struct Url {
  bool tls = false;
  std::string host;
  std::string port;
  std::string target = "/";
};

std::optional<Url> parse_url(const std::string& text) {
  Url url;
  std::string rest;
  for (const std::string scheme : {"ws://", "http://", "wss://", "https://"}) {
    if (text.starts_with(scheme)) {
      url.tls = scheme == "wss://" || scheme == "https://";
      rest = text.substr(scheme.size());
    }
  }
  if (rest.empty()) return std::nullopt;
  const auto slash = rest.find('/');
  if (slash != std::string::npos) {
    url.target = rest.substr(slash);
    rest.resize(slash);
  }
  const auto colon = rest.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  url.host = rest.substr(0, colon);
  url.port = rest.substr(colon + 1);
  return url;
}

// Completion state of one asynchronous operation run to a deadline.
struct Waiter {
  bool done = false;
  beast::error_code ec;
  auto handler() {
    return [this](beast::error_code error, auto&&...) {
      done = true;
      ec = error;
    };
  }
};

// Runs io until the operation is done or the timeout passes; on timeout cancels it
// (through `cancel`) and returns false.
bool wait(asio::io_context& io, Waiter& waiter, std::chrono::milliseconds timeout,
          const std::function<void()>& cancel) {
  io.restart();
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!waiter.done && io.run_one_until(deadline) > 0) {
  }
  if (waiter.done) return true;
  cancel();
  io.restart();
  while (!waiter.done && io.run_one_for(1s) > 0) {
  }
  return false;
}

asio::ssl::context& client_tls() {
  static asio::ssl::context context = [] {
    asio::ssl::context made(asio::ssl::context::tls_client);
    made.set_verify_mode(asio::ssl::verify_none);
    return made;
  }();
  return context;
}

// Connects the TCP layer and, for TLS, does the handshake.
template <class Stream>
std::string open_transport(asio::io_context& io, Stream& stream, const Url& url,
                           std::chrono::milliseconds timeout) {
  auto& socket = beast::get_lowest_layer(stream);
  const tcp::endpoint endpoint(asio::ip::make_address(url.host),
                               static_cast<unsigned short>(std::stoi(url.port)));
  Waiter connected;
  socket.async_connect(endpoint, connected.handler());
  if (!wait(io, connected, timeout, [&] { socket.close(); })) return "connect timed out";
  if (connected.ec) return "connect: " + connected.ec.message();
  if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
    Waiter handshake;
    stream.async_handshake(asio::ssl::stream_base::client, handshake.handler());
    if (!wait(io, handshake, timeout, [&] { socket.close(); })) return "TLS handshake timed out";
    if (handshake.ec) return "TLS handshake: " + handshake.ec.message();
  }
  return "";
}

}  // namespace

struct NostrTestClient::Impl {
  virtual ~Impl() = default;
  virtual bool send(const std::string& text, std::chrono::milliseconds timeout) = 0;
  virtual Frame read(std::chrono::milliseconds timeout) = 0;
  websocket::response_type upgrade;
};

namespace {

template <class Next>
struct WebSocketImpl : NostrTestClient::Impl {
  asio::io_context io;
  websocket::stream<Next> ws;
  beast::flat_buffer buffer;

  template <class... Args>
  explicit WebSocketImpl(Args&... args) : ws(io, args...) {}

  void abort() {
    beast::error_code ignored;
    beast::get_lowest_layer(ws).socket().close(ignored);
  }

  std::string open(const Url& url, std::chrono::milliseconds timeout) {
    if (std::string error = open_transport(io, ws.next_layer(), url, timeout); !error.empty()) return error;
    ws.read_message_max(64 * 1024 * 1024);
    Waiter handshake;
    ws.async_handshake(upgrade, url.host + ":" + url.port, url.target, handshake.handler());
    if (!wait(io, handshake, timeout, [&] { abort(); })) return "WebSocket handshake timed out";
    if (handshake.ec == websocket::error::upgrade_declined)
      return "upgrade declined: HTTP " + std::to_string(upgrade.result_int());
    if (handshake.ec) return "WebSocket handshake: " + handshake.ec.message();
    return "";
  }

  bool send(const std::string& text, std::chrono::milliseconds timeout) override {
    Waiter written;
    ws.async_write(asio::buffer(text), written.handler());
    return wait(io, written, timeout, [&] { abort(); }) && !written.ec;
  }

  Frame read(std::chrono::milliseconds timeout) override {
    buffer.consume(buffer.size());
    Waiter got;
    ws.async_read(buffer, got.handler());
    Frame frame;
    if (!wait(io, got, timeout, [&] { abort(); })) return frame;  // Kind::timeout
    if (got.ec) {
      frame.kind = Frame::Kind::closed;
      frame.error = got.ec.message();
      frame.clean = got.ec == websocket::error::closed;
      return frame;
    }
    frame.kind = Frame::Kind::text;
    frame.text = beast::buffers_to_string(buffer.data());
    return frame;
  }
};

template <class Stream>
std::optional<HttpReply> get(asio::io_context& io, Stream& stream, const Url& url, const std::string& accept,
                             std::chrono::milliseconds timeout) {
  if (!open_transport(io, stream, url, timeout).empty()) return std::nullopt;
  http::request<http::empty_body> request{http::verb::get, url.target, 11};
  request.set(http::field::host, url.host + ":" + url.port);
  request.set(http::field::accept, accept);
  request.keep_alive(false);
  const auto abort = [&] {
    beast::error_code ignored;
    beast::get_lowest_layer(stream).socket().close(ignored);
  };
  Waiter written;
  http::async_write(stream, request, written.handler());
  if (!wait(io, written, timeout, abort) || written.ec) return std::nullopt;
  beast::flat_buffer buffer;
  http::response<http::string_body> response;
  Waiter got;
  http::async_read(stream, buffer, response, got.handler());
  if (!wait(io, got, timeout, abort) || got.ec) return std::nullopt;
  HttpReply reply{static_cast<int>(response.result_int()), {}, response.body()};
  for (const auto& field : response) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    reply.headers[name] = std::string(field.value());
  }
  return reply;
}

}  // namespace

NostrTestClient::NostrTestClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
NostrTestClient::~NostrTestClient() = default;

models::Result<std::unique_ptr<NostrTestClient>> NostrTestClient::connect(const std::string& text,
                                                                          std::chrono::milliseconds timeout) {
  const auto url = parse_url(text);
  if (!url) return models::fail("not a ws:// or wss:// URL with a port: " + text);
  std::string error;
  std::unique_ptr<Impl> impl;
  if (url->tls) {
    auto tls = std::make_unique<WebSocketImpl<beast::ssl_stream<beast::tcp_stream>>>(client_tls());
    error = tls->open(*url, timeout);
    impl = std::move(tls);
  } else {
    auto plain = std::make_unique<WebSocketImpl<beast::tcp_stream>>();
    error = plain->open(*url, timeout);
    impl = std::move(plain);
  }
  if (!error.empty()) return models::fail(error);
  return std::unique_ptr<NostrTestClient>(new NostrTestClient(std::move(impl)));
}

std::string NostrTestClient::upgrade_header(const std::string& name) const {
  return std::string(impl_->upgrade[name]);
}

bool NostrTestClient::send(const std::string& text, std::chrono::milliseconds timeout) {
  return impl_->send(text, timeout);
}

Frame NostrTestClient::read(std::chrono::milliseconds timeout) { return impl_->read(timeout); }

std::optional<HttpReply> http_get(const std::string& text, const std::string& accept,
                                  std::chrono::milliseconds timeout) {
  const auto url = parse_url(text);
  if (!url) return std::nullopt;
  asio::io_context io;
  if (url->tls) {
    beast::ssl_stream<beast::tcp_stream> stream(io, client_tls());
    return get(io, stream, *url, accept, timeout);
  }
  beast::tcp_stream stream(io);
  return get(io, stream, *url, accept, timeout);
}

}  // namespace bigbrotr::testing
