#pragma once

#include <optional>
#include <string>

#include "models/enums.hpp"
#include "models/relay.hpp"
#include "nips/check_result.hpp"

namespace bigbrotr::nips {

// The failure of a clearnet-only check (ssl, dns, geo, net) run on another network:
// "requires clearnet, got <net>"; nullopt for a clearnet relay.
inline std::optional<CheckResult> require_clearnet(const models::Relay& relay) {
  if (relay.network() == models::NetworkType::clearnet) return std::nullopt;
  return CheckResult::failure("requires clearnet, got " + std::string(models::to_string(relay.network())));
}

}  // namespace bigbrotr::nips
