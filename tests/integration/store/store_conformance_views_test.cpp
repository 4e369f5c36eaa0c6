// The conformance suite, part 3: the 13 analytics views of database.md §8, checked with
// real numbers on a small data set built relative to "now".
#include <algorithm>
#include <cmath>

#include "models/relay.hpp"
#include "store_conformance.hpp"

namespace bigbrotr::testing {
namespace {

using models::MetadataType;

constexpr std::int64_t kDay = 86400;

// Three relays with events (a, b, tor) and one without (d); two authors.
//   e1 k1 kind 1     now-100      a, b        e6 k1 kind 30023 d=post now-50d  b
//   e2 k1 kind 1     now-2h       a           e7 k2 kind 20001 now-10         a
//   e3 k2 kind 0     now-3d       a, tor      e8 k2 kind 45000 now-40d        a
//   e4 k2 kind 0     now-20d      tor         e9 k2 kind 1     now-5d         b
//   e5 k1 kind 30023 d=post now-100d  b
struct AnalyticsData {
  std::int64_t now = 0;
  std::string e3_id;  // the newest replaceable event
  std::string e6_id;  // the newest addressable event
};

std::string tor_url() { return "ws://" + kTorHost + ".onion"; }

void seed_metadata(core::store::Store& store, const models::Relay& a, const models::Relay& b,
                   const models::Relay& tor) {
  store.insert_relay_metadata(std::vector{
      measured(a, MetadataType::nip11_info,
               R"({"data":{"name":"Old A","software":"strfry","version":"1.0"}})", 10),
      measured(
          a, MetadataType::nip11_info,
          R"({"data":{"name":"Relay A","software":"strfry","version":"1.1","supported_nips":[1,11,"42","x",-1]}})",
          20),
      measured(b, MetadataType::nip11_info,
               R"({"data":{"name":"B","software":"strfry","supported_nips":[1]}})", 20),
      measured(tor, MetadataType::nip11_info,
               R"({"data":{"software":"nostr-rs-relay","version":"0.9","supported_nips":"1,2"}})", 20),
      measured(a, MetadataType::nip66_rtt, R"({"data":{"rtt_open":100,"rtt_read":50,"rtt_write":30}})", 10),
      measured(a, MetadataType::nip66_rtt, R"({"data":{"rtt_open":200,"rtt_read":150}})", 20)});
}

// Builds the data set above and refreshes every view in order.
AnalyticsData seed_analytics(core::store::Store& store) {
  AnalyticsData data;
  data.now = models::unix_now();
  const auto a = make_relay("wss://a.example", 100);
  const auto b = make_relay("wss://b.example", 200);
  const auto tor = make_relay(tor_url(), 300);
  store.insert_relays(std::vector{make_relay("wss://d.example", 400)});
  auto event = [&](std::int64_t age, std::uint16_t kind, models::EventTags tags, std::uint8_t key) {
    return make_event(data.now - age, kind, std::move(tags), "content", key);
  };
  const auto e1 = event(100, 1, {}, 1), e2 = event(7200, 1, {}, 1), e3 = event(3 * kDay, 0, {}, 2);
  const auto e4 = event(20 * kDay, 0, {}, 2), e5 = event(100 * kDay, 30023, {{"d", "post"}}, 1);
  const auto e6 = event(50 * kDay, 30023, {{"d", "post"}}, 1), e7 = event(10, 20001, {}, 2);
  const auto e8 = event(40 * kDay, 45000, {}, 2), e9 = event(5 * kDay, 1, {}, 2);
  store.insert_events(std::vector{seen_on(e1, a, 1), seen_on(e1, b, 1), seen_on(e2, a, 1), seen_on(e3, a, 1),
                                  seen_on(e3, tor, 1), seen_on(e4, tor, 1), seen_on(e5, b, 1),
                                  seen_on(e6, b, 1), seen_on(e7, a, 1), seen_on(e8, a, 1),
                                  seen_on(e9, b, 1)});
  seed_metadata(store, a, b, tor);
  for (const auto& name : store.view_names()) store.refresh_view(name);
  data.e3_id = e3.id_hex();
  data.e6_id = e6.id_hex();
  return data;
}

boost::json::array rows(core::store::Store& store, std::string_view view) {
  return store.read_rows(view, 1000);
}

TEST_P(StoreConformance, ViewNamesFollowTheRefreshOrder) {
  const std::vector<std::string> expected{"relay_metadata_latest",
                                          "event_stats",
                                          "relay_stats",
                                          "kind_counts",
                                          "kind_counts_by_relay",
                                          "pubkey_counts",
                                          "pubkey_counts_by_relay",
                                          "network_stats",
                                          "event_daily_counts",
                                          "events_replaceable_latest",
                                          "events_addressable_latest",
                                          "relay_software_counts",
                                          "supported_nip_counts",
                                          "relay_uptime",
                                          "relay_directory"};
  EXPECT_EQ(store().view_names(), expected);
  EXPECT_THROW(store().refresh_view("relay"), core::store::StoreError);
  EXPECT_THROW(store().refresh_view("nope"), core::store::StoreError);
}

TEST_P(StoreConformance, ViewsEventStatsCountsEverything) {
  const AnalyticsData data = seed_analytics(store());
  const auto stats = rows(store(), "event_stats");
  ASSERT_EQ(stats.size(), 1U);
  const auto& row = stats[0].as_object();
  EXPECT_EQ(number(row.at("event_count")), 9);
  EXPECT_EQ(number(row.at("unique_pubkeys")), 2);
  EXPECT_EQ(number(row.at("unique_kinds")), 5);
  EXPECT_EQ(number(row.at("earliest_event_timestamp")), data.now - 100 * kDay);
  EXPECT_EQ(number(row.at("latest_event_timestamp")), data.now - 10);
  EXPECT_EQ(number(row.at("regular_event_count")), 3);
  EXPECT_EQ(number(row.at("replaceable_event_count")), 2);
  EXPECT_EQ(number(row.at("ephemeral_event_count")), 1);
  EXPECT_EQ(number(row.at("addressable_event_count")), 2);
  EXPECT_EQ(number(row.at("event_count_last_1h")), 2);
  EXPECT_EQ(number(row.at("event_count_last_24h")), 3);
  EXPECT_EQ(number(row.at("event_count_last_7d")), 5);
  EXPECT_EQ(number(row.at("event_count_last_30d")), 6);
  EXPECT_NEAR(number(row.at("events_per_day")), 0.09, 0.011);
}

TEST_P(StoreConformance, ViewsRelayStatsPerRelay) {
  const AnalyticsData data = seed_analytics(store());
  const auto stats = rows(store(), "relay_stats");
  ASSERT_EQ(stats.size(), 4U);
  const auto* a = row_where(stats, "relay_url", "wss://a.example");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(number(a->at("event_count")), 5);
  EXPECT_EQ(number(a->at("unique_pubkeys")), 2);
  EXPECT_EQ(number(a->at("unique_kinds")), 4);
  EXPECT_EQ(number(a->at("first_event_timestamp")), data.now - 40 * kDay);
  EXPECT_EQ(number(a->at("last_event_timestamp")), data.now - 10);
  EXPECT_EQ(number(a->at("avg_rtt_open")), 150);
  EXPECT_EQ(number(a->at("avg_rtt_read")), 100);
  EXPECT_EQ(number(a->at("avg_rtt_write")), 30);
  EXPECT_EQ(a->at("nip11_name").as_string(), "Relay A");
  EXPECT_EQ(a->at("nip11_software").as_string(), "strfry");
  EXPECT_EQ(a->at("nip11_version").as_string(), "1.1");
  EXPECT_EQ(a->at("network").as_string(), "clearnet");
  const auto* b = row_where(stats, "relay_url", "wss://b.example");
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(number(b->at("event_count")), 4);
  EXPECT_TRUE(b->at("avg_rtt_open").is_null());
  EXPECT_TRUE(b->at("nip11_version").is_null());
  const auto* d = row_where(stats, "relay_url", "wss://d.example");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(number(d->at("event_count")), 0);
  EXPECT_EQ(number(d->at("unique_kinds")), 0);
  EXPECT_TRUE(d->at("first_event_timestamp").is_null());
  EXPECT_EQ(number(d->at("discovered_at")), 400);
}

TEST_P(StoreConformance, ViewsKindCountsWithCategories) {
  seed_analytics(store());
  const auto kinds = rows(store(), "kind_counts");
  ASSERT_EQ(kinds.size(), 5U);
  std::vector<std::tuple<double, double, double, std::string>> got;
  for (const auto& row : kinds) {
    const auto& o = row.as_object();
    got.emplace_back(number(o.at("kind")), number(o.at("event_count")), number(o.at("unique_pubkeys")),
                     std::string(o.at("category").as_string()));
  }
  std::sort(got.begin(), got.end());
  const std::vector<std::tuple<double, double, double, std::string>> expected{{0, 2, 1, "replaceable"},
                                                                              {1, 3, 2, "regular"},
                                                                              {20001, 1, 1, "ephemeral"},
                                                                              {30023, 2, 1, "addressable"},
                                                                              {45000, 1, 1, "other"}};
  EXPECT_EQ(got, expected);
}

TEST_P(StoreConformance, ViewsKindCountsByRelay) {
  seed_analytics(store());
  const auto counts = rows(store(), "kind_counts_by_relay");
  double kind1_on_b = -1;
  double total = 0;
  for (const auto& row : counts) {
    const auto& o = row.as_object();
    total += number(o.at("event_count"));
    if (number(o.at("kind")) == 1 && o.at("relay_url").as_string() == "wss://b.example") {
      kind1_on_b = number(o.at("event_count"));
      EXPECT_EQ(number(o.at("unique_pubkeys")), 2);
    }
  }
  EXPECT_EQ(kind1_on_b, 2);
  EXPECT_EQ(total, 11);  // one per event_relay row
}

TEST_P(StoreConformance, ViewsPubkeyCounts) {
  const AnalyticsData data = seed_analytics(store());
  const auto counts = rows(store(), "pubkey_counts");
  ASSERT_EQ(counts.size(), 2U);
  const auto* k1 = row_where(counts, "pubkey", make_event(0, 0, {}, "", 1).pubkey_hex());
  ASSERT_NE(k1, nullptr);
  EXPECT_EQ(number(k1->at("event_count")), 4);
  EXPECT_EQ(number(k1->at("unique_kinds")), 2);
  EXPECT_EQ(number(k1->at("first_event_timestamp")), data.now - 100 * kDay);
  EXPECT_EQ(number(k1->at("last_event_timestamp")), data.now - 100);
}

TEST_P(StoreConformance, ViewsPubkeyCountsByRelayNeedTwoEvents) {
  seed_analytics(store());
  const auto counts = rows(store(), "pubkey_counts_by_relay");
  EXPECT_EQ(counts.size(), 4U);  // (b, k2) has one event only
  const std::string k2 = make_event(0, 0, {}, "", 2).pubkey_hex();
  for (const auto& row : counts) {
    const auto& o = row.as_object();
    EXPECT_GE(number(o.at("event_count")), 2);
    EXPECT_FALSE(o.at("relay_url").as_string() == "wss://b.example" && o.at("pubkey").as_string() == k2);
  }
}

TEST_P(StoreConformance, ViewsNetworkStatsCountEventsOncePerNetwork) {
  seed_analytics(store());
  const auto stats = rows(store(), "network_stats");
  const auto* clearnet = row_where(stats, "network", "clearnet");
  ASSERT_NE(clearnet, nullptr);
  EXPECT_EQ(number(clearnet->at("relay_count")), 3);
  EXPECT_EQ(number(clearnet->at("event_count")), 8);
  EXPECT_EQ(number(clearnet->at("unique_pubkeys")), 2);
  EXPECT_EQ(number(clearnet->at("unique_kinds")), 5);
  const auto* tor = row_where(stats, "network", "tor");
  ASSERT_NE(tor, nullptr);
  EXPECT_EQ(number(tor->at("relay_count")), 1);
  EXPECT_EQ(number(tor->at("event_count")), 2);
  EXPECT_EQ(number(tor->at("unique_pubkeys")), 1);
  EXPECT_EQ(number(tor->at("unique_kinds")), 1);
}

TEST_P(StoreConformance, ViewsRelayMetadataLatestKeepsTheNewestPerType) {
  seed_analytics(store());
  const auto latest = rows(store(), "relay_metadata_latest");
  ASSERT_EQ(latest.size(), 4U);
  for (const auto& row : latest) {
    const auto& o = row.as_object();
    EXPECT_EQ(number(o.at("generated_at")), 20);
    if (o.at("relay_url").as_string() == "wss://a.example" &&
        o.at("metadata_type").as_string() == "nip11_info") {
      EXPECT_EQ(o.at("data").at("data").at("name").as_string(), "Relay A");
      EXPECT_EQ(o.at("metadata_id").as_string().size(), 64U);
    }
  }
}

TEST_P(StoreConformance, ViewsRelaySoftwareCounts) {
  seed_analytics(store());
  const auto counts = rows(store(), "relay_software_counts");
  std::vector<std::tuple<std::string, std::string, double>> got;
  for (const auto& row : counts) {
    const auto& o = row.as_object();
    got.emplace_back(o.at("software").as_string(), o.at("version").as_string(), number(o.at("relay_count")));
  }
  std::sort(got.begin(), got.end());
  const std::vector<std::tuple<std::string, std::string, double>> expected{
      {"nostr-rs-relay", "0.9", 1}, {"strfry", "1.1", 1}, {"strfry", "unknown", 1}};
  EXPECT_EQ(got, expected);
}

TEST_P(StoreConformance, ViewsSupportedNipCountsReadOnlyNumbers) {
  seed_analytics(store());
  const auto counts = rows(store(), "supported_nip_counts");
  std::vector<std::pair<double, double>> got;
  for (const auto& row : counts) got.emplace_back(number(row.at("nip")), number(row.at("relay_count")));
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::pair<double, double>>{{1, 2}, {11, 1}, {42, 1}}));
}

TEST_P(StoreConformance, ViewsEventDailyCountsAddUp) {
  seed_analytics(store());
  const auto days = rows(store(), "event_daily_counts");
  double total = 0;
  for (const auto& row : days) {
    total += number(row.at("event_count"));
    EXPECT_EQ(std::string(row.at("day").as_string()).size(), 10U);  // YYYY-MM-DD
  }
  EXPECT_EQ(total, 9);
  EXPECT_GE(days.size(), 7U);
}

TEST_P(StoreConformance, ViewsLatestReplaceableAndAddressableEvents) {
  const AnalyticsData data = seed_analytics(store());
  const auto replaceable = rows(store(), "events_replaceable_latest");
  ASSERT_EQ(replaceable.size(), 1U);
  EXPECT_EQ(replaceable[0].at("id").as_string(), data.e3_id);
  EXPECT_EQ(replaceable[0].at("content").as_string(), "content");
  const auto addressable = rows(store(), "events_addressable_latest");
  ASSERT_EQ(addressable.size(), 1U);
  EXPECT_EQ(addressable[0].at("id").as_string(), data.e6_id);
  EXPECT_EQ(addressable[0].at("d_tag").as_string(), "post");
}

TEST_P(StoreConformance, ViewsRefreshFollowsTheData) {
  seed_analytics(store());
  store().delete_relays(std::vector<std::string>{"wss://b.example"});
  store().delete_orphan_events(100);
  for (const auto& name : store().view_names()) store().refresh_view(name);
  EXPECT_EQ(number(rows(store(), "event_stats")[0].at("event_count")), 6);
  EXPECT_EQ(rows(store(), "relay_stats").size(), 3U);
  EXPECT_TRUE(rows(store(), "events_addressable_latest").empty());
  for (const auto& name : store().view_names()) store().refresh_view(name);  // repeatable
  EXPECT_EQ(rows(store(), "relay_stats").size(), 3U);
}

}  // namespace
}  // namespace bigbrotr::testing
