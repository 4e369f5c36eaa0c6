#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/config/config_reader.hpp"
#include "core/config/keys_config.hpp"
#include "core/config/load_options.hpp"
#include "core/config/metadata_flags.hpp"
#include "core/config/networks_config.hpp"
#include "core/config/service_config.hpp"

namespace bigbrotr::core {

// `processing.retries.<type>`: extra attempts of one check after a failed try.
struct RetryPolicy {
  int max_attempts = 0;        // 0..10 extra tries (total = 1 + max_attempts)
  double initial_delay = 1.0;  // 0.1..10 s
  double max_delay = 10.0;     // 1..60 s, ≥ initial_delay
  double jitter = 0.5;         // 0..2 s, uniform random addition to each delay

  friend bool operator==(const RetryPolicy&, const RetryPolicy&) = default;
};

// `processing:` of the monitor.
struct MonitorProcessing {
  int chunk_size = 100;                    // 10..1000 relays per chunk
  std::optional<std::int64_t> max_relays;  // ≥ 1; null = every due relay
  bool allow_insecure = false;
  std::int64_t nip11_info_max_size = 1048576;  // 1024..10485760 bytes
  PerMetadataType<RetryPolicy> retries{RetryPolicy{}};
  MetadataFlags compute{true};  // run this check
  MetadataFlags store{true};    // persist it; ⊆ compute
};

// `geo:` — the GeoLite2 databases used by the geo and net checks.
struct GeoConfig {
  std::string city_database_path = "data/GeoLite2-City.mmdb";
  std::string asn_database_path = "data/GeoLite2-ASN.mmdb";
  // null = never download (the file must then be provided).
  std::optional<std::string> city_download_url =
      "https://github.com/P3TERX/GeoLite.mmdb/raw/download/GeoLite2-City.mmdb";
  std::optional<std::string> asn_download_url =
      "https://github.com/P3TERX/GeoLite.mmdb/raw/download/GeoLite2-ASN.mmdb";
  std::optional<std::int64_t> max_age_days = 30;  // ≥ 1; null = never re-download
  std::int64_t max_download_size = 100000000;     // 1e6..5e8 bytes
  int geohash_precision = 9;                      // 1..12
};

// `discovery:` — kind 30166 per checked relay; `interval` is also the re-check interval.
struct DiscoveryConfig {
  bool enabled = true;
  double interval = 14400.0;                       // 60..604800 s
  MetadataFlags include{true};                     // ⊆ processing.compute when enabled
  std::optional<std::vector<std::string>> relays;  // null = publishing.relays
};

// `announcement:` — kind 10166, the monitor's own declaration.
struct AnnouncementConfig {
  bool enabled = true;
  double interval = 86400.0;           // 60..604800 s
  std::optional<std::string> geohash;  // optional `g` tag; geohash alphabet, 1..12 chars
  MetadataFlags include{true};         // ⊆ processing.compute when enabled
  std::optional<std::vector<std::string>> relays;
};

// `profile:` — kind 0 of the monitor's key.
struct ProfileConfig {
  bool enabled = true;
  double interval = 86400.0;
  std::optional<std::vector<std::string>> relays;
  std::string name = "BigBrotr Monitor";
  std::string about = "Nostr relay monitoring service";
  std::optional<std::string> picture, nip05, website, banner, lud16;
};

// `relay_list:` — kind 10002 of the monitor's key.
struct RelayListConfig {
  bool enabled = true;
  double interval = 86400.0;
  std::optional<std::vector<std::string>> relays;
};

// The most relays one publishing list (`publishing.relays`, `<feature>.relays`) may name.
// Every entry costs a connection per cycle; a list this long is a mistake (a relay
// directory pasted in), not a publishing plan.
inline constexpr std::size_t kMaxPublishingRelays = 1000;

// services/monitor.yaml (services.md §4).
struct MonitorConfig {
  BaseServiceConfig base;
  NetworksConfig networks;
  KeysConfig keys;
  MonitorProcessing processing;
  GeoConfig geo;
  std::vector<std::string> publishing_relays = default_publishing_relays();  // `publishing.relays`
  int publishing_max_in_flight = 16;  // `publishing.max_in_flight`: sends at once, 1..256
  DiscoveryConfig discovery;
  AnnouncementConfig announcement;
  ProfileConfig profile;
  RelayListConfig relay_list;
  // `retention.status_days`: status rows older than this many days are deleted by the
  // monitor's cleanup; 0 keeps them forever, else 31..3650 (uptime reads 30 days).
  int status_retention_days = 90;

  // relay.mostr.pub, relay.damus.io, nos.lol, relay.primal.net (wss://).
  static std::vector<std::string> default_publishing_relays();
  // A feature's relays, or publishing.relays when the feature has none of its own.
  const std::vector<std::string>& targets(
      const std::optional<std::vector<std::string>>& relays) const noexcept {
    return relays ? *relays : publishing_relays;
  }
};

// Reads a monitor file's document into `out` (which holds the defaults) and checks the
// cross-field rules (store ⊆ compute, include ⊆ compute, clearnet-only checks).
void read_config(ConfigReader& reader, MonitorConfig& out, const LoadOptions& options);

// The publishing sections (publishing, discovery, announcement, profile, relay_list);
// part of read_service, exposed for its own tests.
void read_monitor_publishing(ConfigReader& reader, MonitorConfig& out, const LoadOptions& options);

// Checks that a relay list has at most kMaxPublishingRelays entries (errors name `key`)
// and that every entry is a ws:// or wss:// URL (errors name "key[i]"); `key` is the
// list's key in `reader`.
void check_relay_urls(const ConfigReader& reader, std::string_view key, const std::vector<std::string>& urls);

}  // namespace bigbrotr::core
