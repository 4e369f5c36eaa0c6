#include "core/config/monitor_config.hpp"

#include <gtest/gtest.h>

#include "unit/core/config/config_test_support.hpp"

namespace bigbrotr::core {
namespace {

using models::MetadataType;
using testing::file_error;
using testing::parse;
using testing::parse_error;
using testing::TempDir;

TEST(MonitorConfig, StatusRetentionKeepsAtLeastTheUptimeWindow) {
  EXPECT_EQ(parse<MonitorConfig>("").status_retention_days, 90);
  EXPECT_EQ(parse<MonitorConfig>("retention: {status_days: 0}").status_retention_days, 0);
  EXPECT_EQ(parse<MonitorConfig>("retention: {status_days: 400}").status_retention_days, 400);
  EXPECT_EQ(parse_error<MonitorConfig>("retention: {status_days: 7}").key_path(), "retention.status_days");
  EXPECT_EQ(parse_error<MonitorConfig>("retention: {status_days: 4000}").key_path(), "retention.status_days");
}

TEST(MonitorConfig, DefaultsMatchTheSpec) {
  const MonitorConfig c = parse<MonitorConfig>("");
  EXPECT_EQ(c.keys.keys_env, "NOSTR_PRIVATE_KEY");
  EXPECT_EQ(c.processing.chunk_size, 100);
  EXPECT_EQ(c.processing.max_relays, std::nullopt);
  EXPECT_EQ(c.processing.nip11_info_max_size, 1048576);
  for (const MetadataType type : models::all_metadata_types()) {
    EXPECT_EQ(c.processing.retries[type], RetryPolicy{});
    EXPECT_TRUE(c.processing.compute[type]);
    EXPECT_TRUE(c.processing.store[type]);
    EXPECT_TRUE(c.discovery.include[type]);
    EXPECT_TRUE(c.announcement.include[type]);
  }
  EXPECT_EQ(RetryPolicy{}.max_attempts, 0);
  EXPECT_EQ(RetryPolicy{}.jitter, 0.5);
  EXPECT_EQ(c.geo.max_age_days, 30);
  EXPECT_EQ(c.geo.geohash_precision, 9);
  EXPECT_EQ(c.geo.max_download_size, 100000000);
  EXPECT_EQ(c.publishing_relays.size(), 4u);
  EXPECT_EQ(c.discovery.interval, 14400.0);
  EXPECT_EQ(c.announcement.interval, 86400.0);
  EXPECT_EQ(c.profile.name, "BigBrotr Monitor");
  EXPECT_EQ(c.profile.about, "Nostr relay monitoring service");
  EXPECT_EQ(c.profile.picture, std::nullopt);
  EXPECT_TRUE(c.relay_list.enabled);
  EXPECT_EQ(&c.targets(c.discovery.relays), &c.publishing_relays);
}

TEST(MonitorConfig, RetriesAndFlagsAreKeyedByCheckType) {
  const MonitorConfig c = parse<MonitorConfig>(R"(
processing:
  retries:
    nip11_info: {max_attempts: 3}
    nip66_rtt: {max_attempts: 2, initial_delay: 0.5, max_delay: 5, jitter: 0}
  compute: {nip66_geo: false}
  store: {nip66_geo: false, nip66_http: false}
discovery: {include: {nip66_geo: false}}
announcement: {include: {nip66_geo: false}}
)");
  EXPECT_EQ(c.processing.retries[MetadataType::nip11_info].max_attempts, 3);
  EXPECT_EQ(c.processing.retries[MetadataType::nip66_rtt].max_delay, 5.0);
  EXPECT_EQ(c.processing.retries[MetadataType::nip66_ssl].max_attempts, 0);
  EXPECT_FALSE(c.processing.compute[MetadataType::nip66_geo]);
  EXPECT_FALSE(c.processing.store[MetadataType::nip66_http]);
  EXPECT_TRUE(c.processing.compute[MetadataType::nip66_http]);
}

TEST(MonitorConfig, UnknownCheckTypeIsAnUnknownKey) {
  const ConfigError e = parse_error<MonitorConfig>("processing: {retries: {nip66_foo: {max_attempts: 1}}}");
  EXPECT_EQ(e.key_path(), "processing.retries.nip66_foo");
  EXPECT_EQ(e.rule(), "unknown key");
}

TEST(MonitorConfig, RetryMaxDelayMustReachInitialDelay) {
  const ConfigError e =
      parse_error<MonitorConfig>("processing: {retries: {nip66_dns: {initial_delay: 5, max_delay: 2}}}");
  EXPECT_EQ(e.key_path(), "processing.retries.nip66_dns.max_delay");
  EXPECT_EQ(e.rule(), "must be at least initial_delay (5), got 2");
}

TEST(MonitorConfig, StoreMustBeASubsetOfCompute) {
  const ConfigError e = parse_error<MonitorConfig>(
      "processing: {compute: {nip66_ssl: false}}\ndiscovery: {enabled: false}\nannouncement: {enabled: "
      "false}\n");
  EXPECT_EQ(e.key_path(), "processing.store.nip66_ssl");
  EXPECT_EQ(e.rule(), "cannot be true while processing.compute.nip66_ssl is false");
}

TEST(MonitorConfig, DiscoveryIncludeMustBeASubsetOfComputeWhenEnabled) {
  const std::string yaml =
      "processing: {compute: {nip66_ssl: false}, store: {nip66_ssl: false}}\n"
      "announcement: {include: {nip66_ssl: false}}\n";
  EXPECT_EQ(parse_error<MonitorConfig>(yaml).key_path(), "discovery.include.nip66_ssl");
  EXPECT_NO_THROW(parse<MonitorConfig>(yaml + "discovery: {enabled: false}\n"));
}

TEST(MonitorConfig, AnnouncementIncludeMustBeASubsetOfComputeWhenEnabled) {
  const std::string yaml =
      "processing: {compute: {nip66_ssl: false}, store: {nip66_ssl: false}}\n"
      "discovery: {include: {nip66_ssl: false}}\n";
  EXPECT_EQ(parse_error<MonitorConfig>(yaml).key_path(), "announcement.include.nip66_ssl");
  EXPECT_NO_THROW(parse<MonitorConfig>(yaml + "announcement: {enabled: false}\n"));
}

TEST(MonitorConfig, ClearnetOnlyChecksNeedClearnet) {
  const ConfigError e =
      parse_error<MonitorConfig>("networks: {clearnet: {enabled: false}, tor: {enabled: true}}\n");
  EXPECT_EQ(e.key_path(), "processing.compute.nip66_ssl");
  const MonitorConfig c = parse<MonitorConfig>(R"(
networks: {clearnet: {enabled: false}, tor: {enabled: true}}
processing:
  compute: {nip66_ssl: false, nip66_geo: false, nip66_net: false, nip66_dns: false}
  store: {nip66_ssl: false, nip66_geo: false, nip66_net: false, nip66_dns: false}
discovery: {include: {nip66_ssl: false, nip66_geo: false, nip66_net: false, nip66_dns: false}}
announcement: {include: {nip66_ssl: false, nip66_geo: false, nip66_net: false, nip66_dns: false}}
)");
  EXPECT_TRUE(c.processing.compute[MetadataType::nip66_http]);
}

TEST(MonitorConfig, PublishingRelaysMustBeWebsocketUrls) {
  const ConfigError e = parse_error<MonitorConfig>("publishing: {relays: ['wss://a', 'https://b']}");
  EXPECT_EQ(e.key_path(), "publishing.relays[1]");
  EXPECT_EQ(e.rule(), "must be a ws:// or wss:// URL, got 'https://b'");
  EXPECT_EQ(parse_error<MonitorConfig>("relay_list: {relays: [nope]}").key_path(), "relay_list.relays[0]");
}

// A YAML flow list of `count` distinct relay URLs.
std::string relay_list_of(std::size_t count) {
  std::string text = "[";
  for (std::size_t i = 0; i < count; ++i)
    text += (i == 0 ? "" : ", ") + ("'wss://r" + std::to_string(i) + ".example'");
  return text + "]";
}

TEST(MonitorConfig, PublishingRelayListsAreBounded) {
  const auto at_bound =
      parse<MonitorConfig>("publishing: {relays: " + relay_list_of(kMaxPublishingRelays) + "}");
  EXPECT_EQ(at_bound.publishing_relays.size(), kMaxPublishingRelays);
  const ConfigError e =
      parse_error<MonitorConfig>("publishing: {relays: " + relay_list_of(kMaxPublishingRelays + 1) + "}");
  EXPECT_EQ(e.key_path(), "publishing.relays");
  EXPECT_EQ(e.rule(), "must list at most 1000 relays, got 1001");
  for (const char* feature : {"discovery", "announcement", "profile", "relay_list"}) {
    const ConfigError feature_error = parse_error<MonitorConfig>(
        std::string(feature) + ": {relays: " + relay_list_of(kMaxPublishingRelays + 1) + "}");
    EXPECT_EQ(feature_error.key_path(), std::string(feature) + ".relays");
  }
}

TEST(MonitorConfig, PublishingMaxInFlightIsBounded) {
  EXPECT_EQ(parse<MonitorConfig>("").publishing_max_in_flight, 16);
  EXPECT_EQ(parse<MonitorConfig>("publishing: {max_in_flight: 1}").publishing_max_in_flight, 1);
  EXPECT_EQ(parse<MonitorConfig>("publishing: {max_in_flight: 256}").publishing_max_in_flight, 256);
  EXPECT_EQ(parse_error<MonitorConfig>("publishing: {max_in_flight: 0}").key_path(),
            "publishing.max_in_flight");
  EXPECT_EQ(parse_error<MonitorConfig>("publishing: {max_in_flight: 257}").key_path(),
            "publishing.max_in_flight");
}

TEST(MonitorConfig, FeatureRelaysOverridePublishingRelays) {
  const MonitorConfig c =
      parse<MonitorConfig>("profile: {relays: ['wss://mine']}\ndiscovery: {relays: null}\n");
  EXPECT_EQ(c.targets(c.profile.relays), std::vector<std::string>{"wss://mine"});
  EXPECT_EQ(c.targets(c.discovery.relays), c.publishing_relays);
}

TEST(MonitorConfig, ProfileFields) {
  const MonitorConfig c =
      parse<MonitorConfig>("profile: {name: LilBrotr Monitor, picture: 'https://x/p.png', lud16: null}");
  EXPECT_EQ(c.profile.name, "LilBrotr Monitor");
  EXPECT_EQ(c.profile.picture, "https://x/p.png");
  EXPECT_EQ(c.profile.lud16, std::nullopt);
}

TEST(MonitorConfig, AnnouncementGeohashIsValidated) {
  EXPECT_EQ(parse<MonitorConfig>("announcement: {geohash: u0yjjd}").announcement.geohash, "u0yjjd");
  EXPECT_EQ(parse_error<MonitorConfig>("announcement: {geohash: abc}").key_path(), "announcement.geohash");
  EXPECT_EQ(parse_error<MonitorConfig>("announcement: {geohash: u0yjjdu0yjjdu}").key_path(),
            "announcement.geohash");
}

TEST(MonitorConfig, GeoSettings) {
  const MonitorConfig c = parse<MonitorConfig>(
      "geo: {city_download_url: null, max_age_days: null, geohash_precision: 5, city_database_path: "
      "/x.mmdb}");
  EXPECT_EQ(c.geo.city_download_url, std::nullopt);
  EXPECT_EQ(c.geo.max_age_days, std::nullopt);
  EXPECT_EQ(c.geo.geohash_precision, 5);
  EXPECT_EQ(c.geo.city_database_path, "/x.mmdb");
  EXPECT_EQ(parse_error<MonitorConfig>("geo: {max_download_size: 999999}").key_path(),
            "geo.max_download_size");
  EXPECT_EQ(parse_error<MonitorConfig>("geo: {asn_download_url: 'ftp://x'}").key_path(),
            "geo.asn_download_url");
}

TEST(MonitorConfig, PublishingIntervalBounds) {
  EXPECT_EQ(parse_error<MonitorConfig>("discovery: {interval: 59}").key_path(), "discovery.interval");
  EXPECT_EQ(parse_error<MonitorConfig>("relay_list: {interval: 604801}").key_path(), "relay_list.interval");
}

TEST(MonitorConfig, WrongTypeOutOfRangeAndUnknownKeyNameFileAndPath) {
  TempDir dir;
  const std::string file = (dir.path() / "services/monitor.yaml").string();
  ConfigError e = file_error<MonitorConfig>(dir, "services/monitor.yaml",
                                            "processing:\n  compute:\n    nip66_rtt: sometimes\n");
  EXPECT_EQ(e.file(), file);
  EXPECT_EQ(e.key_path(), "processing.compute.nip66_rtt");
  EXPECT_EQ(e.rule(), "expected true or false, got 'sometimes'");

  e = file_error<MonitorConfig>(dir, "services/monitor.yaml",
                                "processing:\n  retries:\n    nip66_rtt:\n      max_attempts: 11\n");
  EXPECT_EQ(e.file(), file);
  EXPECT_EQ(e.key_path(), "processing.retries.nip66_rtt.max_attempts");
  EXPECT_EQ(e.rule(), "must be between 0 and 10, got 11");

  e = file_error<MonitorConfig>(dir, "services/monitor.yaml", "profile:\n  nickname: x\n");
  EXPECT_EQ(e.key_path(), "profile.nickname");
  EXPECT_EQ(e.rule(), "unknown key");
}

}  // namespace
}  // namespace bigbrotr::core
