#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/config/config_reader.hpp"
#include "core/config/event_filter_config.hpp"
#include "core/config/keys_config.hpp"
#include "core/config/load_options.hpp"
#include "core/config/networks_config.hpp"
#include "core/config/service_config.hpp"

namespace bigbrotr::core {

// `processing:` of the synchronizer.
struct SynchronizerProcessing {
  std::vector<EventFilterConfig> filters{EventFilterConfig{}};  // OR-ed; non-empty; [{}] = all
  std::int64_t since = 0;                                       // ≥ 0; only checked against the end time
  std::optional<std::int64_t> until;                            // ≥ 0; null = now
  int limit = 500;                                              // 10..5000, the REQ limit
  double end_lag = 86400.0;  // 0..604800 s; end = (until or now) − end_lag
  int batch_size = 1000;     // 100..10000 events buffered before a flush
  bool allow_insecure = false;
  std::optional<std::int64_t> max_event_size;  // ≥ 1024 bytes of event JSON; null = any
};

// `timeouts:` of the synchronizer.
struct SynchronizerTimeouts {
  double idle = 300.0;            // 10..3600 s without an event before a relay is abandoned
  double max_duration = 14400.0;  // 60..86400 s of consuming per cycle
};

// services/synchronizer.yaml (services.md §5).
struct SynchronizerConfig {
  BaseServiceConfig base;
  NetworksConfig networks;
  KeysConfig keys;
  SynchronizerProcessing processing;
  SynchronizerTimeouts timeouts;
};

// Reads a synchronizer file's document into `out` (which holds the defaults). Checks
// (until or now) − end_lag ≥ since with "now" from load_time(options).
void read_config(ConfigReader& reader, SynchronizerConfig& out, const LoadOptions& options);

}  // namespace bigbrotr::core
