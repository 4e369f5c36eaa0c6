#pragma once

#include <boost/json/object.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/config/event_filter_config.hpp"
#include "models/event.hpp"

// A configured NIP-01 filter (processing.filters) placed in a time window: the REQ object
// sent to a relay and the same condition checked locally on what the relay answers, since
// relays are free to send anything (nips.md §6: an event is accepted only if it matches
// the windowed REQ filter).
namespace bigbrotr::services::synchronizer {

// Inclusive window [since, until] of created_at, in Unix seconds.
struct TimeWindow {
  std::int64_t since = 0;
  std::int64_t until = 0;
};

class WindowFilter {
 public:
  // Keeps a copy of `base`; its ids and authors are 64-character lower-case hex (checked
  // when the config was loaded).
  explicit WindowFilter(core::EventFilterConfig base);

  // The REQ filter object: the base conditions plus since, until and limit.
  boost::json::object to_json(TimeWindow window, std::size_t limit) const;

  // True when `event` satisfies every base condition and lies inside `window`. Tag
  // conditions follow NIP-01: some tag named by the letter has its value in the list.
  bool matches(const models::Event& event, TimeWindow window) const;

 private:
  core::EventFilterConfig base_;
  std::vector<models::Sha256Digest> ids_;  // decoded once: comparisons on bytes
  std::vector<models::XOnlyPublicKey> authors_;
};

// One WindowFilter per configured filter, in order.
std::vector<WindowFilter> window_filters(const std::vector<core::EventFilterConfig>& configured);

}  // namespace bigbrotr::services::synchronizer
