#include "services/monitor/check_selection.hpp"

#include <gtest/gtest.h>

#include "support/service_test_support.hpp"

namespace bigbrotr::services::monitor {
namespace {

using models::MetadataType;
using models::NetworkType;

nips::RelayCheckReport full_report() {
  nips::RelayCheckReport report;
  for (const MetadataType type : models::all_metadata_types()) {
    boost::json::object data;
    data["type"] = models::to_string(type);
    report.results.emplace_back(type, nips::CheckResult::success(data));
  }
  return report;
}

TEST(MonitorSelectedTypes, KeepsDeclarationOrder) {
  core::MetadataFlags flags{false};
  flags[MetadataType::nip66_http] = true;
  flags[MetadataType::nip11_info] = true;
  EXPECT_EQ(selected_types(flags),
            (std::vector<MetadataType>{MetadataType::nip11_info, MetadataType::nip66_http}));
}

TEST(MonitorStoredResults, OnlyTypesWithTheStoreFlag) {
  core::MonitorConfig config;
  config.processing.store = core::MetadataFlags{false};
  config.processing.store[MetadataType::nip66_rtt] = true;
  config.processing.store[MetadataType::nip66_dns] = true;
  const auto relay = testing::relay_of("wss://relay.example.com");
  const StoredResults stored = stored_results(config, relay, full_report(), 1700000000);
  ASSERT_EQ(stored.records.size(), 2u);
  EXPECT_TRUE(stored.rejected.empty());
  EXPECT_EQ(stored.records[0].metadata().type(), MetadataType::nip66_rtt);
  EXPECT_EQ(stored.records[1].metadata().type(), MetadataType::nip66_dns);
  EXPECT_EQ(stored.records[0].generated_at(), 1700000000);
  EXPECT_EQ(stored.records[0].relay().url(), "wss://relay.example.com");
}

TEST(MonitorStoredResults, FailedChecksAreStoredToo) {
  core::MonitorConfig config;
  nips::RelayCheckReport report;
  report.results.emplace_back(MetadataType::nip11_info, nips::CheckResult::failure("connection refused"));
  const StoredResults stored =
      stored_results(config, testing::relay_of("wss://relay.example.com"), report, 5);
  ASSERT_EQ(stored.records.size(), 1u);
}

TEST(MonitorStoredResults, ResultsWithNulAreRejectedWithTheirType) {
  core::MonitorConfig config;
  nips::RelayCheckReport report;
  boost::json::object data;
  data["name"] = std::string("bad\0name", 8);
  report.results.emplace_back(MetadataType::nip11_info, nips::CheckResult::success(data));
  const StoredResults stored =
      stored_results(config, testing::relay_of("wss://relay.example.com"), report, 5);
  EXPECT_TRUE(stored.records.empty());
  ASSERT_EQ(stored.rejected.size(), 1u);
  EXPECT_EQ(stored.rejected[0].type, MetadataType::nip11_info);
}

TEST(MonitorDiscoveryChecks, IncludedAndComputedOnly) {
  core::MonitorConfig config;
  config.discovery.include[MetadataType::nip66_geo] = false;
  config.processing.compute[MetadataType::nip66_ssl] = false;
  const nips::RelayChecks checks = discovery_checks(config, full_report());
  EXPECT_TRUE(checks.nip11.has_value());
  EXPECT_TRUE(checks.rtt.has_value());
  EXPECT_FALSE(checks.geo.has_value());
  EXPECT_FALSE(checks.ssl.has_value());
  EXPECT_TRUE(checks.http.has_value());
}

TEST(MonitorDiscoveryChecks, MissingResultsStayAbsent) {
  core::MonitorConfig config;
  nips::RelayCheckReport report;
  report.results.emplace_back(MetadataType::nip66_rtt, nips::CheckResult::failure("down"));
  const nips::RelayChecks checks = discovery_checks(config, report);
  EXPECT_FALSE(checks.nip11.has_value());
  EXPECT_TRUE(checks.rtt.has_value());
}

TEST(MonitorAnnouncement, DeclaresComputedAndIncludedChecksOfEnabledNetworks) {
  core::MonitorConfig config;
  config.discovery.interval = 3600;
  config.networks.clearnet.enabled = false;
  config.networks.tor.enabled = true;
  config.networks.tor.timeout = 30;
  config.networks.local.enabled = true;
  config.announcement.include[MetadataType::nip66_dns] = false;
  config.processing.compute[MetadataType::nip66_geo] = false;
  config.announcement.geohash = "u0";
  const nips::AnnouncementConfig announcement = announcement_of(config);
  EXPECT_EQ(announcement.frequency, 3600);
  EXPECT_EQ(announcement.timeout_ms, 30000);
  EXPECT_EQ(announcement.networks, (std::vector<NetworkType>{NetworkType::tor, NetworkType::local}));
  EXPECT_EQ(announcement.geohash, "u0");
  EXPECT_TRUE(announcement.checks.nip11);
  EXPECT_TRUE(announcement.checks.rtt);
  EXPECT_FALSE(announcement.checks.dns);
  EXPECT_FALSE(announcement.checks.geo);
  EXPECT_TRUE(announcement.checks.http);
}

TEST(MonitorProfile, CopiesEveryField) {
  core::ProfileConfig profile;
  profile.picture = "https://example.com/p.png";
  const nips::ProfileConfig built = profile_of(profile);
  EXPECT_EQ(built.name, "BigBrotr Monitor");
  EXPECT_EQ(built.about, "Nostr relay monitoring service");
  EXPECT_EQ(built.picture, "https://example.com/p.png");
  EXPECT_FALSE(built.lud16.has_value());
}

}  // namespace
}  // namespace bigbrotr::services::monitor
