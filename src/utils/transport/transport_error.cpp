#include "utils/transport/transport_error.hpp"

#include "utils/transport/transport_options.hpp"

namespace bigbrotr::utils {

std::string_view to_string(TransportErrorKind kind) noexcept {
  switch (kind) {
    case TransportErrorKind::invalid_target:
      return "invalid_target";
    case TransportErrorKind::refused_local:
      return "refused_local";
    case TransportErrorKind::resolve:
      return "resolve";
    case TransportErrorKind::timeout:
      return "timeout";
    case TransportErrorKind::connection:
      return "connection";
    case TransportErrorKind::proxy:
      return "proxy";
    case TransportErrorKind::certificate:
      return "certificate";
    case TransportErrorKind::tls:
      return "tls";
    case TransportErrorKind::handshake:
      return "handshake";
    case TransportErrorKind::too_large:
      return "too_large";
    case TransportErrorKind::protocol:
      return "protocol";
    case TransportErrorKind::closed:
      return "closed";
  }
  return "connection";
}

std::string_view to_string(ConnectPhase phase) noexcept {
  switch (phase) {
    case ConnectPhase::resolve:
      return "name resolution";
    case ConnectPhase::connect:
      return "TCP connect";
    case ConnectPhase::proxy:
      return "SOCKS5 negotiation";
    case ConnectPhase::tls:
      return "TLS handshake";
    case ConnectPhase::upgrade:
      return "WebSocket upgrade";
    case ConnectPhase::open:
      return "open";
  }
  return "connect";
}

TransportError transport_error(TransportErrorKind kind, std::string_view detail) {
  std::string reason(to_string(kind));
  reason += ": ";
  reason += detail;
  return TransportError{kind, std::move(reason)};
}

}  // namespace bigbrotr::utils
