#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "models/event.hpp"
#include "models/relay.hpp"
#include "models/relay_status.hpp"
#include "models/result.hpp"
#include "models/schnorr.hpp"
#include "nips/check_result.hpp"

// Kind 30166, the NIP-66 relay discovery event (services.md §4.1).
namespace bigbrotr::nips {

// The check results of one relay that feed its 30166 event: only those the monitor
// computed and `discovery.include`s; absent means "not included".
struct RelayChecks {
  std::optional<CheckResult> nip11;
  std::optional<CheckResult> rtt;
  std::optional<CheckResult> ssl;
  std::optional<CheckResult> net;
  std::optional<CheckResult> geo;
  std::optional<CheckResult> dns;
  std::optional<CheckResult> http;
  // The relay's status (docs/status.md): a restricted relay's R tags say what it demanded.
  std::optional<models::StatusVerdict> status;
};

// The tags, in the order of services.md §4.1: d, n; rtt-*; ssl*; net-* (+ l labels);
// g and geo-* (+ l labels); dns-*; http-*; then, only when a NIP-11 result is present
// (even a failed one), N, t, language l, the four R, the T and the W tags. Without a
// NIP-11 result, a restricted relay still gets the R tags of what it demanded (auth,
// payment, pow, writes). Each tag only when its value exists; numbers as decimal strings,
// floats in Python's shortest form.
models::EventTags relay_discovery_tags(const models::Relay& relay, const RelayChecks& checks);

// The content: the canonical JSON of the NIP-11 result with its data/logs wrapper, or ""
// without one. Fails when the document holds a NUL.
models::Result<std::string> relay_discovery_content(const RelayChecks& checks);

// The signed event. secret_key must be valid (Event::sign throws otherwise).
models::Result<models::Event> build_relay_discovery(const models::Relay& relay, const RelayChecks& checks,
                                                    std::int64_t created_at,
                                                    const models::SecretKey& secret_key);

}  // namespace bigbrotr::nips
