#include "core/config/refresher_config.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/store/analytics_views.hpp"
#include "models/text_excerpt.hpp"

namespace bigbrotr::core {
namespace {

// The view names become SQL identifiers (`<view>_refresh()`), so only plain lower-case
// identifiers are accepted.
bool is_identifier(const std::string& name) {
  if (name.empty()) return false;
  const char first = name.front();
  if (!((first >= 'a' && first <= 'z') || first == '_')) return false;
  return name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string::npos;
}

void check_views(const ConfigReader& reader, const std::string& name, const std::vector<std::string>& views) {
  for (std::size_t i = 0; i < views.size(); ++i) {
    const std::string key = fmt::format("{}[{}]", name, i);
    if (!is_identifier(views[i])) {
      throw reader.error(key, "must match [a-z_][a-z0-9_]*, got " + models::quoted_excerpt(views[i]));
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (views[j] == views[i]) throw reader.error(key, "duplicate view " + models::quoted_excerpt(views[i]));
    }
  }
}

}  // namespace

std::vector<std::string> RefresherConfig::default_views() {
  return {store::kAnalyticsViews.begin(), store::kAnalyticsViews.end()};
}

BaseServiceConfig RefresherConfig::cycle_base() const {
  BaseServiceConfig cycle = base;
  if (!status_views.empty()) cycle.interval = std::min(base.interval, status_interval);
  return cycle;
}

void read_config(ConfigReader& reader, RefresherConfig& out, const LoadOptions& options) {
  read_base_service(reader, out.base, options, std::nullopt);
  // A default above a short configured interval follows it down.
  out.status_interval = std::min(out.status_interval, out.base.interval);
  reader.section("refresh", [&](ConfigReader& refresh) {
    refresh.read_strings("views", out.views);
    if (out.views.empty()) throw refresh.error("views", "must name at least one view");
    check_views(refresh, "views", out.views);
    refresh.read_strings("status_views", out.status_views);
    check_views(refresh, "status_views", out.status_views);
    refresh.read_real("status_interval", out.status_interval, between(options.min_interval, out.base.interval));
  });
}

}  // namespace bigbrotr::core
