#include "services/synchronizer/ingest_policy.hpp"

#include "models/event_json.hpp"

namespace bigbrotr::services::synchronizer {

std::vector<models::EventRelay> to_observations(std::vector<models::Event> events, const models::Relay& relay,
                                                std::int64_t seen_at,
                                                std::optional<std::int64_t> max_event_size,
                                                IngestCounters& counters) {
  std::vector<models::EventRelay> observations;
  observations.reserve(events.size());
  std::string json;
  for (models::Event& event : events) {
    if (max_event_size) {
      json.clear();
      models::append_event_json(json, event);
      if (static_cast<std::int64_t>(json.size()) > *max_event_size) {
        ++counters.oversized;
        continue;
      }
    }
    auto observation = models::EventRelay::create(std::move(event), relay, seen_at);
    if (!observation) {
      ++counters.unstorable;
      continue;
    }
    observations.push_back(std::move(observation).value());
  }
  return observations;
}

}  // namespace bigbrotr::services::synchronizer
