#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>

#include "models/relay.hpp"
#include "nips/check_result.hpp"
#include "utils/transport/transport_options.hpp"
#include "utils/transport/websocket.hpp"

// The nip66_http check (nips.md §5.6): the Server and X-Powered-By headers of the
// relay's WebSocket upgrade response.
namespace bigbrotr::nips {

struct HttpCheckOptions {
  // Proxy (required for overlays), SSRF guard, extra CA file, allow_insecure.
  utils::TransportOptions transport;
  // The network timeout: the whole upgrade.
  std::chrono::milliseconds timeout{std::chrono::seconds(10)};
};

// The result for captured upgrade headers: http_server (Server) and http_powered_by
// (X-Powered-By), each when present; neither → failure "no HTTP headers captured".
CheckResult http_check_result(const utils::HttpHeaders& upgrade_headers);

// Opens a WebSocket to the relay on the calling coroutine's executor, keeps the upgrade
// response headers, closes at once and judges them with http_check_result. A failed
// connection is a failure with the transport's reason; an overlay relay without proxy
// fails with "overlay network <net> requires proxy" without connecting. Bounded by
// options.timeout; never throws for what the network does.
boost::asio::awaitable<CheckResult> check_http(models::Relay relay, HttpCheckOptions options);

}  // namespace bigbrotr::nips
