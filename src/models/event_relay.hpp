#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/event.hpp"
#include "models/relay.hpp"
#include "models/result.hpp"

namespace bigbrotr::models {

// The longest tag value the archive accepts: longer values would overflow the
// PostgreSQL btree-gin index row of event.tagvalues (database.md §4).
inline constexpr std::size_t kMaxStoredTagValueLength = 2048;

// Why a (signature-checked) event cannot be stored, or nullopt when it can: content or a
// tag value contains NUL, or a tag value is longer than kMaxStoredTagValueLength.
std::optional<std::string> unstorable_reason(const Event& event);

// The searchable tag index of an event: "<name>:<value>" for every tag whose name is a
// single character (not byte: "é" is one) and that has a value, in tag order (database.md §5; a one-letter tag
// without a value is skipped rather than stored as NULL).
std::vector<std::string> tag_values_index(const Event& event);

// One observation: `relay` served `event`, first seen at `seen_at` (Unix seconds).
class EventRelay {
 public:
  // Fails when the event cannot be stored (see unstorable_reason) or seen_at < 0.
  static Result<EventRelay> create(Event event, Relay relay, std::int64_t seen_at);

  const Event& event() const noexcept { return event_; }
  const Relay& relay() const noexcept { return relay_; }
  std::int64_t seen_at() const noexcept { return seen_at_; }

 private:
  EventRelay(Event event, Relay relay, std::int64_t seen_at);

  Event event_;
  Relay relay_;
  std::int64_t seen_at_;
};

}  // namespace bigbrotr::models
