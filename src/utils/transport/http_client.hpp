#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "models/ip_literal.hpp"

#include "utils/transport/transport_error.hpp"
#include "utils/transport/transport_options.hpp"
#include "utils/transport/websocket.hpp"

// A bounded HTTP(S) GET client (NIP-11 documents, relay-list APIs, header checks).
// Beast stays in http_client.cpp.
namespace bigbrotr::utils {

struct HttpRequestOptions {
  // Connect / TLS / proxy / SSRF rules, exactly as for WebSockets.
  TransportOptions transport;
  std::string accept = "*/*";
  // The body is streamed and the request aborted (too_large) as soon as it exceeds this,
  // before anything is parsed; works for Content-Length and chunked bodies alike.
  std::size_t max_body_size = std::size_t{1024} * 1024;
  // Everything, redirects included, must finish within this.
  std::chrono::milliseconds total_timeout{std::chrono::seconds(30)};
  // Redirects followed (301, 302, 303, 307, 308); one more fails with protocol.
  int max_redirects = 3;
};

struct HttpResponse {
  unsigned status = 0;
  HttpHeaders headers;
  std::string body;
  std::string url;        // the URL that produced this response (after redirects)
  int redirects = 0;      // how many were followed
  bool insecure = false;  // some hop used the insecure TLS fallback
  // The scope of the address the last hop connected to; nullopt through a proxy.
  std::optional<models::AddressScope> peer_scope;
};

// GETs `url` (http:// or https://) on the calling coroutine's executor. Each redirect
// hop goes through the SSRF guard and the TLS rules again, and must reach an address of
// the same scope as the first request (TransportOptions::required_scope), whatever
// allow_local says: no redirect from a public host into a local network, nor from a local
// one to a link-local (cloud metadata) address. Any status is a response
// (the caller judges 4xx/5xx); failures are transport errors: invalid_target (bad URL or
// scheme), timeout, too_large, certificate, protocol ("too many redirects", bad HTTP).
boost::asio::awaitable<TransportResult<HttpResponse>> http_get(std::string url, HttpRequestOptions options);

}  // namespace bigbrotr::utils
