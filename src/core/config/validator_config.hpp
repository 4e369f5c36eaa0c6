#pragma once

#include <cstdint>
#include <optional>

#include "core/config/config_reader.hpp"
#include "core/config/load_options.hpp"
#include "core/config/networks_config.hpp"
#include "core/config/service_config.hpp"

namespace bigbrotr::core {

// `processing:` of the validator.
struct ValidatorProcessing {
  int chunk_size = 100;                        // 10..1000 candidates per page
  std::optional<std::int64_t> max_candidates;  // ≥ 1; null = no per-cycle cap
  double interval = 3600.0;                    // 0..604800 s before a failed candidate is retried
  bool allow_insecure = false;                 // TLS fallback
};

// `cleanup:` of the validator.
struct ValidatorCleanup {
  bool enabled = true;
  std::int64_t max_failures = 720;  // ≥ 1; candidates failing this often are dropped
};

// services/validator.yaml (services.md §3).
struct ValidatorConfig {
  BaseServiceConfig base;
  NetworksConfig networks;
  ValidatorProcessing processing;
  ValidatorCleanup cleanup;
};

// Reads a validator file's document into `out` (which holds the defaults).
void read_config(ConfigReader& reader, ValidatorConfig& out, const LoadOptions& options);

}  // namespace bigbrotr::core
