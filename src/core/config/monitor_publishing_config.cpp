// The publishing half of the monitor's config: where and what the monitor publishes.
#include <fmt/format.h>

#include "core/config/monitor_config.hpp"

namespace bigbrotr::core {
namespace {

bool is_relay_url(const std::string& url) {
  const bool ws = url.rfind("ws://", 0) == 0 && url.size() > 5;
  const bool wss = url.rfind("wss://", 0) == 0 && url.size() > 6;
  return ws || wss;
}

bool is_geohash(const std::string& text) {
  constexpr std::string_view kAlphabet = "0123456789bcdefghjkmnpqrstuvwxyz";
  if (text.empty() || text.size() > 12) return false;
  return text.find_first_not_of(kAlphabet) == std::string::npos;
}

void read_relays(ConfigReader& reader, std::optional<std::vector<std::string>>& out) {
  reader.read_strings("relays", out);
  if (out) check_relay_urls(reader, "relays", *out);
}

Range interval_range(const LoadOptions& options) { return between(options.min_interval, 604800); }

void read_discovery(ConfigReader& reader, DiscoveryConfig& out, const LoadOptions& options) {
  reader.read_bool("enabled", out.enabled);
  reader.read_real("interval", out.interval, interval_range(options));
  read_metadata_flags(reader, "include", out.include);
  read_relays(reader, out.relays);
}

void read_announcement(ConfigReader& reader, AnnouncementConfig& out, const LoadOptions& options) {
  reader.read_bool("enabled", out.enabled);
  reader.read_real("interval", out.interval, interval_range(options));
  reader.read_string("geohash", out.geohash);
  if (out.geohash && !is_geohash(*out.geohash)) {
    throw reader.error("geohash", "must be 1..12 geohash characters (0-9, b-z without a, i, l, o), got '" +
                                      *out.geohash + "'");
  }
  read_metadata_flags(reader, "include", out.include);
  read_relays(reader, out.relays);
}

void read_profile(ConfigReader& reader, ProfileConfig& out, const LoadOptions& options) {
  reader.read_bool("enabled", out.enabled);
  reader.read_real("interval", out.interval, interval_range(options));
  read_relays(reader, out.relays);
  reader.read_string("name", out.name);
  reader.read_string("about", out.about);
  reader.read_string("picture", out.picture);
  reader.read_string("nip05", out.nip05);
  reader.read_string("website", out.website);
  reader.read_string("banner", out.banner);
  reader.read_string("lud16", out.lud16);
}

void read_relay_list(ConfigReader& reader, RelayListConfig& out, const LoadOptions& options) {
  reader.read_bool("enabled", out.enabled);
  reader.read_real("interval", out.interval, interval_range(options));
  read_relays(reader, out.relays);
}

}  // namespace

void check_relay_urls(const ConfigReader& reader, std::string_view key,
                      const std::vector<std::string>& urls) {
  if (urls.size() > kMaxPublishingRelays) {
    throw reader.error(key,
                       fmt::format("must list at most {} relays, got {}", kMaxPublishingRelays, urls.size()));
  }
  for (std::size_t i = 0; i < urls.size(); ++i) {
    if (!is_relay_url(urls[i])) {
      throw reader.error(fmt::format("{}[{}]", key, i),
                         "must be a ws:// or wss:// URL, got '" + urls[i] + "'");
    }
  }
}

void read_monitor_publishing(ConfigReader& reader, MonitorConfig& out, const LoadOptions& options) {
  reader.section("publishing", [&](ConfigReader& publishing) {
    publishing.read_strings("relays", out.publishing_relays);
    check_relay_urls(publishing, "relays", out.publishing_relays);
    publishing.read_int("max_in_flight", out.publishing_max_in_flight, between(1, 256));
  });
  reader.section("discovery",
                 [&](ConfigReader& section) { read_discovery(section, out.discovery, options); });
  reader.section("announcement",
                 [&](ConfigReader& section) { read_announcement(section, out.announcement, options); });
  reader.section("profile", [&](ConfigReader& section) { read_profile(section, out.profile, options); });
  reader.section("relay_list",
                 [&](ConfigReader& section) { read_relay_list(section, out.relay_list, options); });
}

}  // namespace bigbrotr::core
