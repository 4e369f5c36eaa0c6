#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/monitor_config.hpp"
#include "core/logging/logger.hpp"
#include "core/store/store.hpp"
#include "models/relay.hpp"
#include "models/service_state.hpp"

// When the monitor publishes its own events (kind 0, 10002, 10166) and where: the
// `monitor/checkpoint/{profile|relay_list|announcement}` rows, their intervals, and the
// target relay lists of each feature (services.md §4, cycle step 2).
namespace bigbrotr::services::monitor {

inline constexpr std::string_view kProfileKey = "profile";
inline constexpr std::string_view kRelayListKey = "relay_list";
inline constexpr std::string_view kAnnouncementKey = "announcement";

// The publish checkpoint keys whose feature is enabled: cleanup keeps these (every other
// monitor checkpoint that is not a relay URL goes).
std::vector<std::string> kept_checkpoint_keys(const core::MonitorConfig& config);

// True when nothing was published yet (`last` absent) or `interval` seconds have passed.
bool is_due(std::optional<std::int64_t> last, std::int64_t now, double interval);

// The timestamp of a checkpoint row ({"timestamp": n}); absent when the row or the field
// is missing or not an integer.
std::optional<std::int64_t> checkpoint_timestamp(core::store::Store& store, std::string_view key);

// A `{"timestamp": now}` monitor checkpoint for `key` (a relay URL or a publish key).
models::ServiceState checkpoint(std::string key, std::int64_t now);

// Parses a configured relay list; entries that are not relay URLs (or are local while
// `allow_local` is off) are dropped with one warning each. Duplicates are kept once.
std::vector<models::Relay> parse_targets(const std::vector<std::string>& urls, bool allow_local,
                                         const core::Logger& logger);

}  // namespace bigbrotr::services::monitor
