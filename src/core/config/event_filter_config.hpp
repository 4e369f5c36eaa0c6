#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/config/config_reader.hpp"

namespace bigbrotr::core {

// One NIP-01 filter from the synchronizer's `processing.filters`, without its time
// window: `since`, `until` and `limit` are accepted in the file but ignored, because the
// synchronizer sets them per request. An absent field matches everything; {} matches
// every event. Kept as a plain struct (core does not link a JSON library): the NIP-01
// filter type of the nips layer is built from it.
struct EventFilterConfig {
  std::optional<std::vector<std::string>> ids;      // 64-char lower-case hex each
  std::optional<std::vector<std::string>> authors;  // 64-char lower-case hex each
  std::optional<std::vector<std::int64_t>> kinds;   // 0..65535 each
  std::map<char, std::vector<std::string>> tags;    // "#e": [...] → tags['e']

  friend bool operator==(const EventFilterConfig&, const EventFilterConfig&) = default;
};

// Reads one filter object. Keys other than ids, authors, kinds, #<letter>, since, until
// and limit are unknown keys (in particular `search`, which cannot be matched locally).
EventFilterConfig read_event_filter(ConfigReader& reader);

}  // namespace bigbrotr::core
