#pragma once

#include <boost/asio/awaitable.hpp>

#include <string>
#include <string_view>

#include "models/relay.hpp"
#include "utils/transport/relay_message.hpp"
#include "utils/transport/transport_options.hpp"

// The validator's probe: does a URL serve the Nostr protocol? (services.md §3)
namespace bigbrotr::utils {

struct RelayProbeResult {
  bool valid = false;
  // Why: the message that proved it ("EOSE", "AUTH challenge", ...) or the failure
  // ("timeout: ...", "certificate: ...", "closed without auth-required: ...").
  std::string reason;
  bool insecure = false;  // reached through the insecure TLS fallback
};

// The verdict on one message received after our REQ for `subscription_id`.
enum class ProbeVerdict { valid, invalid, keep_waiting };

// services.md §3's recommended precise rule: valid on EOSE or EVENT for our
// subscription, on an AUTH challenge, or on CLOSED for it with an "auth-required:"
// prefix (a NIP-42 relay). Any other CLOSED for our subscription is invalid (it ends the
// subscription). NOTICE, OK and messages about other subscriptions prove nothing
// (generic servers echo; relays send NOTICEs about anything), so the probe keeps waiting.
ProbeVerdict judge_probe_answer(const RelayMessage& message, std::string_view subscription_id);

// Connects without keys (so the TLS fallback of options applies), sends
// ["REQ", <id>, {"kinds":[1],"limit":1}] and reads answers until judge_probe_answer
// decides. "timeout" is options.read_timeout: the whole probe (connect included, each
// step also bounded by its own option) gets 4 x read_timeout. Never fails: connection,
// TLS and timeout failures are an invalid result with their reason.
boost::asio::awaitable<RelayProbeResult> is_nostr_relay(models::Relay relay, TransportOptions options);

}  // namespace bigbrotr::utils
