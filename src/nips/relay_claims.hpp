#pragma once

#include <vector>

#include "models/relay_status.hpp"
#include "nips/relay_checks.hpp"

// Claims against behaviour (docs/status.md): where what a relay's NIP-11 document says
// disagrees with what the checks of the same run saw.
namespace bigbrotr::nips {

// The mismatches of one relay's checks, in ClaimMismatch order; empty without a status
// (no rtt check) or without a NIP-11 check in the report.
//   nip11_unreachable   the NIP-11 check failed while a Nostr relay answered the WebSocket
//   auth_undeclared     limitation.auth_required is not true, yet the relay demanded AUTH
//   payment_undeclared  limitation.payment_required is not true, yet it demanded payment
//   pow_undeclared      limitation.min_pow_difficulty is absent or 0, yet it demanded work
//   auth_not_enforced   limitation.auth_required is true, yet it answered with no challenge
std::vector<models::ClaimMismatch> claim_mismatches(const RelayCheckReport& report);

}  // namespace bigbrotr::nips
