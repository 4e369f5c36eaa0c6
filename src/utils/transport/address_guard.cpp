#include "utils/transport/address_guard.hpp"

#include <fmt/format.h>

#include <string>

#include "models/relay_host.hpp"

namespace bigbrotr::utils {

TransportResult<models::NetworkType> check_target_host(std::string_view host, bool has_proxy,
                                                       bool allow_local) {
  const models::ClassifiedHost classified = models::classify_host(std::string(host));
  switch (classified.network) {
    case models::NetworkType::tor:
    case models::NetworkType::i2p:
    case models::NetworkType::loki:
      if (!has_proxy) {
        return transport_error(
            TransportErrorKind::invalid_target,
            fmt::format("{} host needs a SOCKS5 proxy", models::to_string(classified.network)));
      }
      return classified.network;
    case models::NetworkType::local:
      if (!allow_local) {
        return transport_error(TransportErrorKind::refused_local, fmt::format("{} is a local address", host));
      }
      return classified.network;
    case models::NetworkType::clearnet:
      return classified.network;
    case models::NetworkType::unknown:
      break;
  }
  return transport_error(TransportErrorKind::invalid_target, "not a valid host name or IP address");
}

TransportResult<Done> check_resolved_addresses(std::string_view host,
                                               std::span<const models::IpLiteral> addresses,
                                               bool allow_local) {
  if (addresses.empty()) return transport_error(TransportErrorKind::resolve, "no addresses");
  if (allow_local) return Done{};
  for (const models::IpLiteral& address : addresses) {
    if (address.is_reserved()) {
      return transport_error(TransportErrorKind::refused_local,
                             fmt::format("{} resolves to local address {}", host, address.to_string()));
    }
  }
  return Done{};
}

}  // namespace bigbrotr::utils
