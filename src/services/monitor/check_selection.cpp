#include "services/monitor/check_selection.hpp"

namespace bigbrotr::services::monitor {
namespace {

using models::MetadataType;

core::MetadataFlags both(const core::MetadataFlags& first, const core::MetadataFlags& second) {
  core::MetadataFlags result{false};
  for (const MetadataType type : models::all_metadata_types()) result[type] = first[type] && second[type];
  return result;
}

}  // namespace

std::vector<MetadataType> selected_types(const core::MetadataFlags& flags) {
  std::vector<MetadataType> types;
  for (const MetadataType type : models::all_metadata_types()) {
    if (flags[type]) types.push_back(type);
  }
  return types;
}

std::vector<MetadataType> computed_types(const core::MonitorConfig& config) {
  return selected_types(config.processing.compute);
}

StoredResults stored_results(const core::MonitorConfig& config, const models::Relay& relay,
                             const nips::RelayCheckReport& report, std::int64_t generated_at) {
  StoredResults stored;
  for (const auto& [type, result] : report.results) {
    if (!config.processing.store[type]) continue;
    auto metadata = result.to_metadata(type);
    if (!metadata) {
      stored.rejected.push_back(RejectedResult{type, metadata.reason()});
      continue;
    }
    auto record = models::RelayMetadata::create(relay, std::move(metadata).value(), generated_at);
    if (!record) {
      stored.rejected.push_back(RejectedResult{type, record.reason()});
      continue;
    }
    stored.records.push_back(std::move(record).value());
  }
  return stored;
}

nips::RelayChecks discovery_checks(const core::MonitorConfig& config, const nips::RelayCheckReport& report) {
  const core::MetadataFlags included = both(config.processing.compute, config.discovery.include);
  nips::RelayChecks checks;
  const auto take = [&](MetadataType type, std::optional<nips::CheckResult>& slot) {
    if (!included[type]) return;
    if (const nips::CheckResult* result = report.find(type)) slot = *result;
  };
  take(MetadataType::nip11_info, checks.nip11);
  take(MetadataType::nip66_rtt, checks.rtt);
  take(MetadataType::nip66_ssl, checks.ssl);
  take(MetadataType::nip66_net, checks.net);
  take(MetadataType::nip66_geo, checks.geo);
  take(MetadataType::nip66_dns, checks.dns);
  take(MetadataType::nip66_http, checks.http);
  checks.status = report.status;
  return checks;
}

nips::AnnouncementConfig announcement_of(const core::MonitorConfig& config) {
  const core::MetadataFlags declared = both(config.processing.compute, config.announcement.include);
  nips::AnnouncementConfig announcement;
  announcement.frequency = static_cast<std::int64_t>(config.discovery.interval);
  announcement.networks = config.networks.enabled();
  if (!announcement.networks.empty()) {
    announcement.timeout_ms =
        static_cast<std::int64_t>(config.networks[announcement.networks.front()].timeout * 1000.0);
  }
  announcement.geohash = config.announcement.geohash;
  announcement.checks.nip11 = declared[MetadataType::nip11_info];
  announcement.checks.rtt = declared[MetadataType::nip66_rtt];
  announcement.checks.ssl = declared[MetadataType::nip66_ssl];
  announcement.checks.geo = declared[MetadataType::nip66_geo];
  announcement.checks.net = declared[MetadataType::nip66_net];
  announcement.checks.dns = declared[MetadataType::nip66_dns];
  announcement.checks.http = declared[MetadataType::nip66_http];
  return announcement;
}

nips::ProfileConfig profile_of(const core::ProfileConfig& profile) {
  nips::ProfileConfig built;
  built.name = profile.name;
  built.about = profile.about;
  built.picture = profile.picture;
  built.nip05 = profile.nip05;
  built.website = profile.website;
  built.banner = profile.banner;
  built.lud16 = profile.lud16;
  return built;
}

}  // namespace bigbrotr::services::monitor
