#pragma once

#include <span>
#include <string_view>

#include "models/enums.hpp"
#include "models/ip_literal.hpp"
#include "utils/transport/transport_error.hpp"

// The SSRF guard: what the transport may dial. Pure functions, so the rules are tested
// without DNS; dial.hpp applies them before and after resolving.
namespace bigbrotr::utils {

// Checks a target host before anything touches the network, using
// models::classify_host (lower-case host, no brackets):
//   - tor / i2p / loki hosts need a proxy (invalid_target otherwise), so overlay names
//     never reach local DNS;
//   - local hosts (localhost, reserved IP literals) are refused_local unless allow_local,
//     with or without a proxy (a proxy's own loopback is just as sensitive);
//   - hosts that are no valid hostname or IP are invalid_target.
// Returns the host's network on success.
TransportResult<models::NetworkType> check_target_host(std::string_view host, bool has_proxy,
                                                       bool allow_local);

// Checks the addresses a clearnet name resolved to: refused_local when ANY of them lies
// in a local / reserved range (models::IpLiteral::is_reserved) and allow_local is false;
// refusing the whole answer defeats DNS answers that mix a public and a private address.
// An empty list is a resolve failure.
TransportResult<Done> check_resolved_addresses(std::string_view host,
                                               std::span<const models::IpLiteral> addresses,
                                               bool allow_local);

}  // namespace bigbrotr::utils
