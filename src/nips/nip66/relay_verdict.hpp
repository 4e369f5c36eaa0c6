#pragma once

#include <optional>
#include <string>

#include "models/relay_status.hpp"
#include "utils/transport/transport_error.hpp"

// From what the rtt probe saw to the relay's status (docs/status.md): the typed evidence
// of one probe and the rule that turns it into a StatusVerdict.
namespace bigbrotr::nips {

struct ProbeEvidence {
  // Set when the WebSocket did not open; the probe saw nothing else.
  std::optional<utils::TransportError> open_failure;
  // Our REQ got an EVENT, an EOSE or a CLOSED.
  bool read_answered = false;
  // The CLOSED text for our REQ, when the relay closed it.
  std::optional<std::string> read_refusal;
  // Our test event got an OK (accepted or not).
  bool write_answered = false;
  // The OK false text for our test event.
  std::optional<std::string> write_refusal;
  // The relay sent a NIP-42 AUTH challenge.
  bool auth_challenged = false;
  // Why the read got no answer (its failure reason), for a silent relay's message.
  std::string silence;
};

// down when the socket did not open, or opened and nothing Nostr came back (silent);
// restricted when the REQ was closed, or the test event refused, for a reason of access
// (models::refusal_reason; the read decides first), or when the only answer was an AUTH
// challenge; up when the relay answered otherwise.
models::StatusVerdict judge_probe(const ProbeEvidence& evidence);

}  // namespace bigbrotr::nips
