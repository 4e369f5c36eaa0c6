#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/config/config_reader.hpp"
#include "core/config/load_options.hpp"
#include "core/config/service_config.hpp"

namespace bigbrotr::core {

// One HTTP list of relays (`api.sources[i]`).
struct ApiSource {
  std::string url;  // required; http:// or https://; unique within the list
  bool enabled = true;
  double timeout = 30.0;          // 0.1..120 s, total and per socket read
  double connect_timeout = 10.0;  // 0.1..60 s, ≤ timeout
  // Required. Selects the relay URLs from the JSON body (e.g. "[*]",
  // "data.relays[*].url"). Stored as written; the expression language and its
  // compilation belong to the finder.
  std::string expression;
  bool allow_insecure = false;  // skip TLS verification
};

// `api:` — discovery from public HTTP lists.
struct FinderApiConfig {
  bool enabled = true;
  double cooldown = 86400.0;                 // 1..604800 s between fetches of one source
  double request_delay = 1.0;                // 0..10 s between consecutive sources
  std::int64_t max_response_size = 5242880;  // 1024..52428800 bytes
  std::vector<ApiSource> sources = default_sources();

  // The two nostr.watch v1 lists (online, offline), expression "[*]".
  static std::vector<ApiSource> default_sources();
};

// `events:` — discovery from the tags of archived events.
struct FinderEventsConfig {
  bool enabled = true;
  int scan_size = 500;            // 10..10000 rows per database page
  int batch_size = 500;           // 10..10000 relays buffered before a flush
  int parallel_relays = 60;       // 1..200 relays scanned at once
  double max_relay_time = 900.0;  // 10..86400 s per relay per cycle
  double max_duration = 7200.0;   // 60..86400 s for the whole phase
};

// services/finder.yaml (services.md §2).
struct FinderConfig {
  BaseServiceConfig base;
  FinderApiConfig api;
  FinderEventsConfig events;
};

// Reads a finder file's document into `out` (which holds the defaults).
void read_config(ConfigReader& reader, FinderConfig& out, const LoadOptions& options);

}  // namespace bigbrotr::core
