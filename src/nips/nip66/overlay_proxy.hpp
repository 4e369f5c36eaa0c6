#pragma once

#include <optional>
#include <string>

#include "models/enums.hpp"
#include "models/relay.hpp"
#include "utils/transport/transport_options.hpp"

namespace bigbrotr::nips {

// The failure reason of a check that needs a connection (rtt, http) to a tor / i2p / loki
// relay when no proxy is configured: "overlay network <net> requires proxy" (nips.md §5.1,
// §5.6); nullopt when the relay can be reached. No connection is attempted then.
inline std::optional<std::string> overlay_without_proxy(const models::Relay& relay,
                                                        const utils::TransportOptions& transport) {
  if (!models::is_overlay(relay.network()) || transport.proxy) return std::nullopt;
  return "overlay network " + std::string(models::to_string(relay.network())) + " requires proxy";
}

}  // namespace bigbrotr::nips
