#pragma once

#include <array>
#include <string_view>

namespace bigbrotr::core::store {

// The analytics views of both backends, in the order a refresh must follow (database.md
// §8): relay_metadata_latest first (relay_stats and the NIP-11 counts read it), the
// metadata-derived counts after it, relay_uptime, then relay_directory (which reads
// relay_uptime and relay_metadata_latest). The refresher's default list and both backends
// use this one list.
inline constexpr std::array<std::string_view, 15> kAnalyticsViews = {
    "relay_metadata_latest",
    "event_stats",
    "relay_stats",
    "kind_counts",
    "kind_counts_by_relay",
    "pubkey_counts",
    "pubkey_counts_by_relay",
    "network_stats",
    "event_daily_counts",
    "events_replaceable_latest",
    "events_addressable_latest",
    "relay_software_counts",
    "supported_nip_counts",
    "relay_uptime",
    "relay_directory",
};

}  // namespace bigbrotr::core::store
