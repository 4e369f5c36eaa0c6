#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/config/monitor_config.hpp"
#include "models/enums.hpp"
#include "models/relay.hpp"
#include "models/relay_metadata.hpp"
#include "nips/events/monitor_events.hpp"
#include "nips/events/relay_discovery_event.hpp"
#include "nips/relay_checks.hpp"

// Which of a relay's check results the monitor runs, stores and publishes
// (processing.compute, processing.store, discovery.include, announcement.include).
namespace bigbrotr::services::monitor {

// The types set in `flags`, in all_metadata_types() order.
std::vector<models::MetadataType> selected_types(const core::MetadataFlags& flags);

// The types to run: processing.compute.
std::vector<models::MetadataType> computed_types(const core::MonitorConfig& config);

// A stored metadata record that could not be built (a string with NUL, broken logs).
struct RejectedResult {
  models::MetadataType type;
  std::string reason;
};

// The records to store for one checked relay: every result of `report` whose
// processing.store flag is on, stamped with `generated_at` (the check start).
struct StoredResults {
  std::vector<models::RelayMetadata> records;
  std::vector<RejectedResult> rejected;
};
StoredResults stored_results(const core::MonitorConfig& config, const models::Relay& relay,
                             const nips::RelayCheckReport& report, std::int64_t generated_at);

// The results of `report` that feed the relay's kind 30166: computed and
// discovery.include'd.
nips::RelayChecks discovery_checks(const core::MonitorConfig& config, const nips::RelayCheckReport& report);

// The kind 10166 declaration: frequency = discovery.interval, the enabled networks, the
// first enabled network's timeout, the checks both computed and announcement.include'd.
nips::AnnouncementConfig announcement_of(const core::MonitorConfig& config);

// profile.* as the kind 0 builder takes it.
nips::ProfileConfig profile_of(const core::ProfileConfig& profile);

}  // namespace bigbrotr::services::monitor
