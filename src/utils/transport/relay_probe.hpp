#pragma once

#include <boost/asio/awaitable.hpp>

#include <string>
#include <string_view>

#include "models/relay.hpp"
#include "models/relay_status.hpp"
#include "utils/transport/relay_message.hpp"
#include "utils/transport/transport_options.hpp"

// The validator's probe: does a URL serve the Nostr protocol? (services.md §3)
namespace bigbrotr::utils {

struct RelayProbeResult {
  bool valid = false;
  // Why: the message that proved it ("EOSE", "AUTH challenge", ...) or the failure
  // ("timeout: ...", "certificate: ...", "CLOSED: error: ...").
  std::string reason;
  bool insecure = false;  // reached through the insecure TLS fallback
  // The relay's status by this probe (docs/status.md): up or restricted when valid,
  // down (with the failure's reason) when not.
  models::StatusVerdict status;
};

// The verdict on one message received after our REQ for `subscription_id`.
enum class ProbeVerdict { valid, invalid, keep_waiting };

struct ProbeAnswer {
  ProbeVerdict verdict = ProbeVerdict::keep_waiting;
  models::StatusVerdict status;  // meaningful once the verdict is not keep_waiting
};

// services.md §3's precise rule, widened by the status model: valid (up) on EOSE or
// EVENT for our subscription; valid (restricted) on an AUTH challenge or on CLOSED for it
// refusing us access (auth-required:, restricted:, blocked:, pow:, payment-required:) —
// a relay that refuses us is still a relay. Any other CLOSED for our subscription is
// invalid (it ends the subscription). NOTICE, OK and messages about other subscriptions
// prove nothing (generic servers echo; relays send NOTICEs about anything), so the probe
// keeps waiting.
ProbeAnswer judge_probe_answer(const RelayMessage& message, std::string_view subscription_id);

// Connects without keys (so the TLS fallback of options applies), sends
// ["REQ", <id>, {"kinds":[1],"limit":1}] and reads answers until judge_probe_answer
// decides. "timeout" is options.read_timeout: the whole probe (connect included, each
// step also bounded by its own option) gets 4 x read_timeout. Never fails: connection,
// TLS and timeout failures are an invalid result with their reason.
boost::asio::awaitable<RelayProbeResult> is_nostr_relay(models::Relay relay, TransportOptions options);

}  // namespace bigbrotr::utils
