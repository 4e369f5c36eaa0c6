#include "core/config/finder_config.hpp"

#include <fmt/format.h>

#include "models/text_excerpt.hpp"

namespace bigbrotr::core {
namespace {

bool is_http_url(const std::string& url) {
  const bool http = url.rfind("http://", 0) == 0 && url.size() > 7;
  const bool https = url.rfind("https://", 0) == 0 && url.size() > 8;
  return http || https;
}

ApiSource read_source(ConfigReader& reader) {
  ApiSource source;
  if (!reader.contains("url")) throw reader.error("url", "is required");
  reader.read_string("url", source.url);
  if (!is_http_url(source.url)) {
    throw reader.error("url",
                       "must be an http:// or https:// URL, got " + models::quoted_excerpt(source.url));
  }
  reader.read_bool("enabled", source.enabled);
  reader.read_real("timeout", source.timeout, between(0.1, 120));
  reader.read_real("connect_timeout", source.connect_timeout, between(0.1, 60));
  if (source.connect_timeout > source.timeout) {
    throw reader.error("connect_timeout", fmt::format("must be at most timeout ({}), got {}", source.timeout,
                                                      source.connect_timeout));
  }
  if (!reader.contains("expression")) throw reader.error("expression", "is required");
  reader.read_string("expression", source.expression);
  if (source.expression.empty()) throw reader.error("expression", "must not be empty");
  reader.read_bool("allow_insecure", source.allow_insecure);
  return source;
}

void read_api(ConfigReader& reader, FinderApiConfig& out) {
  reader.read_bool("enabled", out.enabled);
  reader.read_real("cooldown", out.cooldown, between(1, 604800));
  reader.read_real("request_delay", out.request_delay, between(0, 10));
  reader.read_int("max_response_size", out.max_response_size, between(1024, 52428800));
  std::vector<ApiSource> sources;
  const bool present = reader.each_mapping("sources", [&](ConfigReader& item, std::size_t) {
    ApiSource source = read_source(item);
    for (const ApiSource& earlier : sources) {
      // Checkpoints are keyed by URL: two entries for one URL would share one.
      if (earlier.url == source.url)
        throw item.error("url", "duplicate source URL " + models::quoted_excerpt(source.url));
    }
    sources.push_back(std::move(source));
  });
  if (present) out.sources = std::move(sources);
}

void read_events(ConfigReader& reader, FinderEventsConfig& out) {
  reader.read_bool("enabled", out.enabled);
  reader.read_int("scan_size", out.scan_size, between(10, 10000));
  reader.read_int("batch_size", out.batch_size, between(10, 10000));
  reader.read_int("parallel_relays", out.parallel_relays, between(1, 200));
  reader.read_real("max_relay_time", out.max_relay_time, between(10, 86400));
  reader.read_real("max_duration", out.max_duration, between(60, 86400));
}

}  // namespace

std::vector<ApiSource> FinderApiConfig::default_sources() {
  ApiSource online;
  online.url = "https://api.nostr.watch/v1/online";
  online.expression = "[*]";
  ApiSource offline = online;
  offline.url = "https://api.nostr.watch/v1/offline";
  return {online, offline};
}

void read_config(ConfigReader& reader, FinderConfig& out, const LoadOptions& options) {
  read_base_service(reader, out.base, options);
  reader.section("api", [&](ConfigReader& api) { read_api(api, out.api); });
  reader.section("events", [&](ConfigReader& events) { read_events(events, out.events); });
}

}  // namespace bigbrotr::core
