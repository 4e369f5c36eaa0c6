#include "core/config/refresher_config.hpp"

#include <fmt/format.h>

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

void check_views(const ConfigReader& reader, const std::vector<std::string>& views) {
  if (views.empty()) throw reader.error("views", "must name at least one view");
  for (std::size_t i = 0; i < views.size(); ++i) {
    const std::string key = fmt::format("views[{}]", i);
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

void read_config(ConfigReader& reader, RefresherConfig& out, const LoadOptions& options) {
  read_base_service(reader, out.base, options, std::nullopt);
  reader.section("refresh", [&](ConfigReader& refresh) {
    refresh.read_strings("views", out.views);
    check_views(refresh, out.views);
  });
}

}  // namespace bigbrotr::core
