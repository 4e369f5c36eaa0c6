#pragma once

#include <string>
#include <vector>

#include "core/config/config_reader.hpp"
#include "core/config/load_options.hpp"
#include "core/config/service_config.hpp"

namespace bigbrotr::core {

// services/refresher.yaml (services.md §6).
struct RefresherConfig {
  // `interval`: seconds between refreshes of every view of `views`.
  BaseServiceConfig base = base_with_interval(kRefresherDefaultInterval);
  // `refresh.views`: refreshed in this order; non-empty, unique, each [a-z_][a-z0-9_]*.
  std::vector<std::string> views = default_views();
  // `refresh.status_views`: refreshed every `status_interval` seconds as well, so that
  // what the page and the API show of relay status is minutes old, not a day (unique
  // identifiers, may be empty). `refresh.status_interval`: [min interval, interval].
  std::vector<std::string> status_views = {"relay_uptime", "relay_directory"};
  double status_interval = 300.0;

  // The runner's settings: `base`, but cycles every status_interval when status views are
  // configured (each cycle refreshes them; every view is refreshed once `interval` has
  // passed since the last full refresh).
  BaseServiceConfig cycle_base() const;

  // The 15 analytics views in their dependency-safe order (store::kAnalyticsViews).
  static std::vector<std::string> default_views();
};

// Reads a refresher file's document into `out` (which holds the defaults); `interval`
// has no upper bound here.
void read_config(ConfigReader& reader, RefresherConfig& out, const LoadOptions& options);

}  // namespace bigbrotr::core
