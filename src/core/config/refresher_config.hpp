#pragma once

#include <string>
#include <vector>

#include "core/config/config_reader.hpp"
#include "core/config/load_options.hpp"
#include "core/config/service_config.hpp"

namespace bigbrotr::core {

// services/refresher.yaml (services.md §6).
struct RefresherConfig {
  BaseServiceConfig base = base_with_interval(kRefresherDefaultInterval);
  // `refresh.views`: refreshed in this order; non-empty, unique, each [a-z_][a-z0-9_]*.
  std::vector<std::string> views = default_views();

  // The 13 statistics views in their dependency-safe order.
  static std::vector<std::string> default_views();
};

// Reads a refresher file's document into `out` (which holds the defaults); `interval`
// has no upper bound here.
void read_config(ConfigReader& reader, RefresherConfig& out, const LoadOptions& options);

}  // namespace bigbrotr::core
