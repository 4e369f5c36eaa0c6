#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/relay.hpp"
#include "utils/transport/transport_error.hpp"
#include "utils/transport/transport_options.hpp"

// A WebSocket client (RFC 6455) for ws:// and wss:// relays, on Boost.Beast. Beast stays
// in websocket.cpp: this header only needs Asio's awaitable.
namespace bigbrotr::utils {

// Response headers, in the order received; names as sent by the server.
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// The value of the first header named `name` (ASCII case-insensitive), if any.
std::optional<std::string> find_header(const HttpHeaders& headers, std::string_view name);

// An open WebSocket connection. Move-only. Not thread-safe: use it from one coroutine at
// a time, at most one read and one write in flight. Messages are text; permessage-deflate
// is never negotiated. After any failed read or write the connection is closed and every
// later call fails with `closed`.
class WebSocketConnection {
 public:
  WebSocketConnection(WebSocketConnection&&) noexcept;
  WebSocketConnection& operator=(WebSocketConnection&&) noexcept;
  WebSocketConnection(const WebSocketConnection&) = delete;
  WebSocketConnection& operator=(const WebSocketConnection&) = delete;
  ~WebSocketConnection();

  // True when the connection was made by the insecure fallback (certificate unverified).
  bool insecure() const noexcept;
  // Headers of the server's 101 upgrade response (Server, X-Powered-By, ...).
  const HttpHeaders& upgrade_headers() const noexcept;
  bool is_open() const noexcept;

  // Reads the next whole message, waiting at most `timeout` (options.read_timeout when
  // omitted). A message over options.max_message_size fails with too_large without being
  // buffered beyond the cap; a silent peer fails with timeout. Both drop the connection.
  boost::asio::awaitable<TransportResult<std::string>> read();
  boost::asio::awaitable<TransportResult<std::string>> read(std::chrono::milliseconds timeout);

  // Sends one text message, bounded by options.write_timeout.
  boost::asio::awaitable<TransportResult<Done>> write(std::string text);

  // Sends a close frame and waits (bounded) for the peer's; never fails. Idempotent.
  boost::asio::awaitable<void> close();

  struct Impl;

 private:
  explicit WebSocketConnection(std::unique_ptr<Impl> impl);
  friend boost::asio::awaitable<TransportResult<WebSocketConnection>> connect_websocket(
      models::Relay relay, TransportOptions options);

  std::unique_ptr<Impl> impl_;
};

// Opens a WebSocket to relay.url() on the calling coroutine's executor: dial (proxy,
// SSRF guard, connect_timeout), TLS for wss (SNI, verification against the system store
// plus options.extra_ca_file, host name check; handshake_timeout), then the HTTP upgrade
// (handshake_timeout). A certificate verification failure is `certificate: <OpenSSL
// reason>`; with options.allow_insecure it is retried once without verification and the
// connection is marked insecure(). A non-101 answer is `handshake: HTTP <status>`.
boost::asio::awaitable<TransportResult<WebSocketConnection>> connect_websocket(models::Relay relay,
                                                                               TransportOptions options);

}  // namespace bigbrotr::utils
