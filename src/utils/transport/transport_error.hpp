#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "models/relay_status.hpp"
#include "models/result.hpp"

// Typed outcomes of network operations. What a relay or a proxy does is data (design.md §3,
// "Values, not exceptions"): every transport call returns a TransportResult holding either
// its value or a TransportError whose kind callers branch on and whose reason is logged.
namespace bigbrotr::utils {

// Why a transport operation failed. Spelled as written in logs and metric labels.
enum class TransportErrorKind : std::uint8_t {
  invalid_target,  // the URL / host / port cannot be dialled as given
  refused_local,   // SSRF guard: the host resolves to a local or reserved address
  resolve,         // name resolution failed (local DNS, never for proxied targets)
  timeout,         // a connect, handshake, read or write deadline passed
  refused,         // the host refused the TCP connection (nothing listens on the port)
  connection,      // TCP reset, closed by peer, unreachable, other socket errors
  proxy,           // SOCKS5 negotiation failed (proxy down, auth refused, reply code)
  certificate,     // TLS certificate verification failed (and no insecure fallback)
  tls,             // any other TLS handshake failure
  handshake,       // HTTP upgrade refused (non-101) or malformed
  too_large,       // a message or body exceeded its configured cap
  protocol,        // the peer broke the protocol (bad HTTP, too many redirects, ...)
  closed,          // the peer closed the connection cleanly
};

std::string_view to_string(TransportErrorKind kind) noexcept;

// A failure: its kind and a one-line reason that starts with the kind, e.g.
// "certificate: self-signed certificate" or "proxy: host unreachable (reply 0x04)".
struct TransportError {
  TransportErrorKind kind = TransportErrorKind::connection;
  std::string reason;
  // The HTTP status of a declined WebSocket upgrade (kind handshake), else 0: the relay
  // status model reports it as its reason (`http_502`).
  std::uint16_t http_status = 0;
};

// Builds a TransportError whose reason is "<kind>: <detail>".
TransportError transport_error(TransportErrorKind kind, std::string_view detail);

// The status reason a relay that failed this way is down for (resolve → dns, certificate
// → tls, a declined upgrade → http with its status, ...; docs/status.md).
models::StatusReason status_reason(const TransportError& failure) noexcept;

// Either a value or a TransportError (callers switch on kind()); one Result template
// for the whole code base (models/result.hpp).
template <class T>
using TransportResult = models::Result<T, TransportError>;

// The value of operations that succeed with nothing to return.
struct Done {};

}  // namespace bigbrotr::utils
