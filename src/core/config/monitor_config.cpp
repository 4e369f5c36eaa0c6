#include "core/config/monitor_config.hpp"

#include <fmt/format.h>

namespace bigbrotr::core {
namespace {

using models::MetadataType;

void read_retry(ConfigReader& reader, RetryPolicy& out) {
  reader.read_int("max_attempts", out.max_attempts, between(0, 10));
  reader.read_real("initial_delay", out.initial_delay, between(0.1, 10));
  reader.read_real("max_delay", out.max_delay, between(1, 60));
  if (out.max_delay < out.initial_delay) {
    throw reader.error("max_delay", fmt::format("must be at least initial_delay ({}), got {}",
                                                out.initial_delay, out.max_delay));
  }
  reader.read_real("jitter", out.jitter, between(0, 2));
}

void read_processing(ConfigReader& reader, MonitorProcessing& out) {
  reader.read_int("chunk_size", out.chunk_size, between(10, 1000));
  reader.read_int("max_relays", out.max_relays, at_least(1));
  reader.read_bool("allow_insecure", out.allow_insecure);
  reader.read_int("nip11_info_max_size", out.nip11_info_max_size, between(1024, 10485760));
  reader.section("retries", [&](ConfigReader& retries) {
    for (const MetadataType type : models::all_metadata_types()) {
      retries.section(models::to_string(type),
                      [&](ConfigReader& one) { read_retry(one, out.retries[type]); });
    }
  });
  read_metadata_flags(reader, "compute", out.compute);
  read_metadata_flags(reader, "store", out.store);
}

void read_download_url(ConfigReader& reader, std::string_view key, std::optional<std::string>& out) {
  reader.read_string(key, out);
  if (out && out->rfind("https://", 0) != 0 && out->rfind("http://", 0) != 0) {
    throw reader.error(key, "must be an http:// or https:// URL or null, got '" + *out + "'");
  }
}

void read_geo(ConfigReader& reader, GeoConfig& out) {
  reader.read_string("city_database_path", out.city_database_path);
  if (out.city_database_path.empty()) throw reader.error("city_database_path", "must not be empty");
  reader.read_string("asn_database_path", out.asn_database_path);
  if (out.asn_database_path.empty()) throw reader.error("asn_database_path", "must not be empty");
  read_download_url(reader, "city_download_url", out.city_download_url);
  read_download_url(reader, "asn_download_url", out.asn_download_url);
  reader.read_int("max_age_days", out.max_age_days, at_least(1));
  reader.read_int("max_download_size", out.max_download_size, between(1e6, 5e8));
  reader.read_int("geohash_precision", out.geohash_precision, between(1, 12));
}

// `subset` may only be on where `superset` is on (store ⊆ compute, include ⊆ compute).
void check_subset(const ConfigReader& root, std::string_view subset_key, const MetadataFlags& subset,
                  std::string_view superset_key, const MetadataFlags& superset) {
  for (const MetadataType type : models::all_metadata_types()) {
    if (subset[type] && !superset[type]) {
      throw root.error(
          fmt::format("{}.{}", subset_key, models::to_string(type)),
          fmt::format("cannot be true while {}.{} is false", superset_key, models::to_string(type)));
    }
  }
}

void check_cross_fields(const ConfigReader& root, const MonitorConfig& config) {
  const MonitorProcessing& processing = config.processing;
  check_subset(root, "processing.store", processing.store, "processing.compute", processing.compute);
  if (config.discovery.enabled) {
    check_subset(root, "discovery.include", config.discovery.include, "processing.compute",
                 processing.compute);
  }
  if (config.announcement.enabled) {
    check_subset(root, "announcement.include", config.announcement.include, "processing.compute",
                 processing.compute);
  }
  if (config.networks.clearnet.enabled) return;
  // These checks resolve or connect to the relay's host directly, which only makes sense
  // for clearnet relays.
  for (const MetadataType type :
       {MetadataType::nip66_ssl, MetadataType::nip66_geo, MetadataType::nip66_net, MetadataType::nip66_dns}) {
    if (processing.compute[type]) {
      throw root.error(fmt::format("processing.compute.{}", models::to_string(type)),
                       "must be false while networks.clearnet.enabled is false (clearnet-only check)");
    }
  }
}

}  // namespace

std::vector<std::string> MonitorConfig::default_publishing_relays() {
  return {"wss://relay.mostr.pub", "wss://relay.damus.io", "wss://nos.lol", "wss://relay.primal.net"};
}

void read_config(ConfigReader& reader, MonitorConfig& out, const LoadOptions& options) {
  read_base_service(reader, out.base, options);
  read_networks(reader, out.networks);
  read_keys(reader, out.keys, options);
  reader.section("processing",
                 [&](ConfigReader& processing) { read_processing(processing, out.processing); });
  reader.section("geo", [&](ConfigReader& geo) { read_geo(geo, out.geo); });
  reader.section("retention", [&](ConfigReader& retention) {
    retention.read_int("status_days", out.status_retention_days, between(0, 3650));
    if (out.status_retention_days != 0 && out.status_retention_days < 31)
      throw retention.error("status_days", "must be 0 (keep forever) or between 31 and 3650, got " +
                                               std::to_string(out.status_retention_days));
  });
  read_monitor_publishing(reader, out, options);
  check_cross_fields(reader, out);
}

}  // namespace bigbrotr::core
