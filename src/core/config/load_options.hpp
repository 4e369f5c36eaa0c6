#pragma once

#include <cstdint>
#include <optional>

#include "core/config/environment.hpp"

namespace bigbrotr::core {

// What config loading depends on besides the files themselves; injected so tests (and
// the CLI's test flags) can change it.
struct LoadOptions {
  // Where ${VAR} references and *_env secrets are looked up.
  EnvLookup env = process_environment();
  // The lowest `interval` a service accepts, in seconds. 60 in production; a test flag
  // may lower it to run cycles back to back.
  double min_interval = 60.0;
  // "Now" as unix seconds for time-relative rules (synchronizer until/end_lag/since);
  // nullopt means the system clock.
  std::optional<std::int64_t> now;
};

// options.now, or the system clock in unix seconds.
std::int64_t load_time(const LoadOptions& options);

}  // namespace bigbrotr::core
