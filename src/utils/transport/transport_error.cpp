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
    case TransportErrorKind::refused:
      return "refused";
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

models::StatusReason status_reason(const TransportError& failure) noexcept {
  using models::StatusReason;
  switch (failure.kind) {
    case TransportErrorKind::invalid_target: return StatusReason::invalid;
    case TransportErrorKind::refused_local: return StatusReason::local;
    case TransportErrorKind::resolve: return StatusReason::dns;
    case TransportErrorKind::timeout: return StatusReason::timeout;
    case TransportErrorKind::refused: return StatusReason::refused;
    case TransportErrorKind::connection:
    case TransportErrorKind::closed: return StatusReason::connection;
    case TransportErrorKind::proxy: return StatusReason::proxy;
    case TransportErrorKind::certificate:
    case TransportErrorKind::tls: return StatusReason::tls;
    case TransportErrorKind::handshake:
      return failure.http_status != 0 ? StatusReason::http : StatusReason::handshake;
    case TransportErrorKind::too_large:
    case TransportErrorKind::protocol: return StatusReason::protocol;
  }
  return StatusReason::connection;
}

TransportError transport_error(TransportErrorKind kind, std::string_view detail) {
  std::string reason(to_string(kind));
  reason += ": ";
  reason += detail;
  return TransportError{kind, std::move(reason)};
}

}  // namespace bigbrotr::utils
