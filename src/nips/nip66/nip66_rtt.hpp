#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

#include "models/enums.hpp"
#include "models/relay.hpp"
#include "models/relay_status.hpp"
#include "nips/check_result.hpp"
#include "nips/nip13/nip13_pow.hpp"
#include "utils/keys.hpp"
#include "utils/transport/transport_options.hpp"
#include "utils/transport/websocket.hpp"

namespace boost::asio {
class thread_pool;
}  // namespace boost::asio

// The nip66_rtt check (nips.md §5.1): round-trip times of opening a connection, reading
// a first event and writing a test event.
namespace bigbrotr::nips {

// The test event's kind: NIP-66's 22456. It is ephemeral, so compliant relays do not
// store it: for such a kind the relay's OK decides the write (the original also read it
// back and so reported most writes "unverified" — differences.md §2).
inline constexpr std::uint16_t kRttTestKind = static_cast<std::uint16_t>(models::EventKind::nip66_test);
inline constexpr std::string_view kRttTestContent = "nip66-test";

struct RttCheckOptions {
  // Proxy (required for overlays), SSRF guard, extra CA file, allow_insecure, message cap.
  // Its step timeouts are capped at `timeout`.
  utils::TransportOptions transport;
  // The network timeout: bounds the open phase as a whole, and each of read and write.
  std::chrono::milliseconds timeout{std::chrono::seconds(10)};
  // Sign the test event and answer NIP-42 challenges. Without keys the write phase fails
  // with "no keys to sign the test event".
  std::optional<utils::Keys> keys;
  // limitation.min_pow_difficulty of the relay's fresh NIP-11 document (0 = none).
  std::int64_t min_pow_difficulty = 0;
  std::uint16_t test_kind = kRttTestKind;
  // Where proof of work is computed, so the I/O thread never spins; nullptr computes it on
  // the calling thread. Borrowed; must outlive the call.
  boost::asio::thread_pool* pow_pool = nullptr;
};

// The result plus what the open phase learned, for the http check to reuse.
struct RttOutcome {
  CheckResult result;
  bool opened = false;
  // Headers of the 101 upgrade response (empty unless opened).
  utils::HttpHeaders upgrade_headers;
  // The connection used the insecure TLS fallback.
  bool insecure = false;
  // The relay's status by this probe (nips/nip66/relay_verdict.hpp).
  models::StatusVerdict status;
};

// The unsigned test event: `kind`, content "nip66-test", tags [["d", relay_url]].
UnsignedEvent rtt_test_event(std::string_view relay_url, std::uint16_t kind, std::int64_t created_at);

// NIP-01's ephemeral range: relays forward such events and keep none.
constexpr bool is_ephemeral_kind(std::uint16_t kind) noexcept { return kind >= 20000 && kind < 30000; }

// Runs the three phases on the calling coroutine's executor:
//  open  — connect_websocket (with the keys for NIP-42) → rtt_open; on failure every
//          phase fails with its reason and nothing else runs;
//  read  — REQ {"limit": 1} until the first EVENT → rtt_read; EOSE first → "no events
//          returned"; a CLOSED for it → its message; "auth-required:" is retried once
//          after the relay's challenge was answered;
//  write — sign (with NIP-13 proof of work when min_pow_difficulty > 0), send, wait for
//          OK → rtt_write; OK false → its message ("unknown" if empty); no OK →
//          "no response from relay"; accepted → done for an ephemeral kind (20000–29999,
//          never stored), else REQ {"ids": [id], "limit": 1} must find it, else
//          "unverified: accepted but not retrievable".
// An overlay relay without proxy fails every phase with "overlay network <net> requires
// proxy". Never throws for what the network does.
boost::asio::awaitable<RttOutcome> check_rtt(models::Relay relay, RttCheckOptions options);

}  // namespace bigbrotr::nips
