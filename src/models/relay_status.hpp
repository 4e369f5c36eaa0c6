#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "models/relay.hpp"

// The status model (docs/status.md): every check of a relay ends in one status with a
// short typed reason and, where the relay said something, the relay's own text.
namespace bigbrotr::models {

// up: a Nostr relay answered (the socket opened and a REQ got an EVENT or EOSE);
// restricted: a Nostr relay answered but refused us (AUTH, payment, proof of work,
// `restricted:`/`blocked:`); down: no Nostr relay answered.
enum class RelayStatus : std::uint8_t { up, restricted, down };

// Why a relay is restricted or down; `none` for up. Spelled as stored and as metric label.
enum class StatusReason : std::uint8_t {
  none,
  // down
  dns,         // the name did not resolve
  refused,     // nothing listens on the port
  timeout,     // a connect, TLS, upgrade or read deadline passed
  tls,         // TLS handshake or certificate failure
  http,        // the WebSocket upgrade got another HTTP answer (stored as http_<status>)
  handshake,   // the WebSocket upgrade failed without an HTTP status
  connection,  // reset, unreachable, closed while opening
  protocol,    // the peer broke HTTP or WebSocket, or sent oversized data
  proxy,       // the SOCKS5 proxy of an overlay network failed
  local,       // the address guard refused a local address
  invalid,     // the URL cannot be dialled
  silent,      // the WebSocket opened but nothing Nostr came back
  // restricted
  auth,        // NIP-42 authentication required
  payment,     // payment required
  pow,         // proof of work required
  writes,      // writes refused (`restricted:` to our test event)
  restricted,  // reads refused with `restricted:`
  blocked,     // `blocked:`: the relay refuses us
};

std::string_view to_string(RelayStatus value) noexcept;
std::string_view to_string(StatusReason value) noexcept;
std::optional<RelayStatus> parse_relay_status(std::string_view text) noexcept;

// The status of one check.
struct StatusVerdict {
  RelayStatus status = RelayStatus::down;
  StatusReason reason = StatusReason::none;
  // The HTTP status of a declined upgrade (reason http), else 0.
  std::uint16_t http_status = 0;
  // The relay's own words (CLOSED / OK / NOTICE text) or our failure reason; cut to
  // kStatusMessageMax bytes.
  std::string message;
  // The probe got a NIP-42 AUTH challenge (what the claims compare with NIP-11; not
  // stored, so a verdict read back has it false).
  bool auth_challenged = false;

  // The stored reason code: "" for none, "http_<status>" for http, else to_string(reason).
  std::string reason_code() const;
  bool answered() const noexcept { return status != RelayStatus::down; }
};

inline constexpr std::size_t kStatusMessageMax = 300;

StatusVerdict up_verdict(std::string_view message = {});
StatusVerdict restricted_verdict(StatusReason reason, std::string_view message);
StatusVerdict down_verdict(StatusReason reason, std::string_view message, std::uint16_t http_status = 0);

// A verdict read back from its stored codes (status name, reason code as reason_code()
// writes it, message); nullopt when a code is unknown.
std::optional<StatusVerdict> verdict_from_codes(std::string_view status, std::string_view reason,
                                                std::string message);

// What a relay's refusal text means (a CLOSED for our REQ, an OK false for our event),
// from its NIP-01 machine-readable prefix: auth-required → auth, pow → pow, blocked →
// blocked, payment-required → payment, restricted → payment when the text speaks of
// paying, else `restricted_reason`; blocked → blocked for reads, writes for writes
// (`restricted_reason` is restricted for a read, writes for a write). nullopt
// when the text refuses nothing about access (duplicate:, rate-limited:, invalid:,
// error:, no prefix).
std::optional<StatusReason> refusal_reason(std::string_view message, StatusReason restricted_reason);

// Where a relay's NIP-11 document disagrees with what the checks saw (docs/status.md,
// "Claims against behaviour"). Spelled as stored.
enum class ClaimMismatch : std::uint8_t {
  nip11_unreachable,   // NIP-11 failed while a Nostr relay answered the WebSocket
  auth_undeclared,     // demanded AUTH, NIP-11 does not say auth_required
  payment_undeclared,  // demanded payment, NIP-11 does not say payment_required
  pow_undeclared,      // demanded proof of work, NIP-11 has no min_pow_difficulty
  auth_not_enforced,   // NIP-11 says auth_required, yet it served us with no AUTH challenge
};

std::string_view to_string(ClaimMismatch value) noexcept;
// The stored form: names joined by ',' ("" for none), and back; unknown names are skipped.
std::string claims_text(std::span<const ClaimMismatch> claims);
std::vector<ClaimMismatch> parse_claims(std::string_view text);

// One status row: a relay's verdict at a check time, with the round trips of the check
// that produced it (absent when a phase did not succeed or did not run) and the claims of
// its NIP-11 document that the check contradicted.
struct RelayStatusRecord {
  Relay relay;
  std::int64_t checked_at = 0;
  StatusVerdict verdict;
  std::optional<std::int64_t> rtt_open;
  std::optional<std::int64_t> rtt_read;
  std::optional<std::int64_t> rtt_write;
  std::vector<ClaimMismatch> claims;
};

}  // namespace bigbrotr::models
