#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "models/event.hpp"
#include "models/event_relay.hpp"
#include "models/relay.hpp"

// The last filter before the archive (nips.md §6, after the window and signature checks
// of the fetch): events whose JSON exceeds processing.max_event_size, or that the
// database cannot index (NUL in content or tags, tag values over 2048 characters), are
// dropped and counted.
namespace bigbrotr::services::synchronizer {

struct IngestCounters {
  std::size_t oversized = 0;
  std::size_t unstorable = 0;
};

// The observations of `events` (a stream batch, order kept) on `relay`, seen at
// `seen_at`, without the dropped ones.
std::vector<models::EventRelay> to_observations(std::vector<models::Event> events, const models::Relay& relay,
                                                std::int64_t seen_at,
                                                std::optional<std::int64_t> max_event_size,
                                                IngestCounters& counters);

}  // namespace bigbrotr::services::synchronizer
