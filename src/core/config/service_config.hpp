#pragma once

#include <optional>
#include <string>

#include "core/config/config_reader.hpp"
#include "core/config/load_options.hpp"

namespace bigbrotr::core {

// `metrics:` of every service: the Prometheus endpoint.
struct MetricsConfig {
  bool enabled = false;
  int port = 8000;  // 0 = no HTTP endpoint even when enabled; else 1024..65535
  // Loopback unless configured: the endpoint is for a local Prometheus, not the internet.
  std::string host = "127.0.0.1";
  std::string path = "/metrics";  // starts with '/'

  // True when the HTTP endpoint should be started.
  bool serves() const noexcept { return enabled && port != 0; }
};

// The top-level keys every service file has (services.md §0.3).
struct BaseServiceConfig {
  double interval = 300.0;           // seconds between cycle starts
  int max_consecutive_failures = 5;  // 0..100; 0 = never stop
  MetricsConfig metrics;
};

// The default interval of the refresher (a day); every other service uses 300 s.
inline constexpr double kRefresherDefaultInterval = 86400.0;
// The upper bound of `interval` (a week) for every service except the refresher.
inline constexpr double kMaxServiceInterval = 604800.0;

// A BaseServiceConfig with the given default interval and the other defaults.
inline BaseServiceConfig base_with_interval(double interval) {
  BaseServiceConfig config;
  config.interval = interval;
  return config;
}

// Reads interval, max_consecutive_failures and metrics from a service file's top level
// into `out`. `interval` must lie in [options.min_interval, max_interval]; nullopt means
// no upper bound (refresher).
void read_base_service(ConfigReader& reader, BaseServiceConfig& out, const LoadOptions& options,
                       std::optional<double> max_interval = kMaxServiceInterval);

}  // namespace bigbrotr::core
