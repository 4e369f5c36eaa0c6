// The conformance suite, part 2: events and metadata with their junctions, cascades,
// orphan clean-up, hostile and large content, and the lilbrotr flavour.
#include <algorithm>

#include "store_conformance.hpp"

namespace bigbrotr::testing {
namespace {

using core::DatabaseFlavour;
using models::MetadataType;
using models::ServiceName;
using models::ServiceStateType;

const std::string kNip11 = R"({"data":{"name":"Relay","software":"strfry"},"logs":{"success":true}})";

std::vector<std::string> scanned_ids(const std::vector<core::store::TagScanRow>& rows) {
  std::vector<std::string> ids;
  for (const auto& row : rows) ids.push_back(row.event_id);
  return ids;
}

TEST_P(StoreConformance, InsertEventsCreatesRelayEventAndJunction) {
  const auto relay = make_relay("wss://a.example");
  const auto event = make_event(1700000000, 1, {{"t", "x"}});
  EXPECT_EQ(store().insert_events(std::vector{seen_on(event, relay, 1700000100)}), 1U);
  const auto counts = store().counts();
  EXPECT_EQ(counts.relays, 1);
  EXPECT_EQ(counts.events, 1);
  EXPECT_EQ(counts.event_relays, 1);
  EXPECT_EQ(store().event_ids_of_relay(relay.url()), std::vector<std::string>{event.id_hex()});
  EXPECT_EQ(store().insert_events(std::vector{seen_on(event, relay, 1700000200)}), 0U);  // idempotent
  EXPECT_EQ(store().counts().event_relays, 1);
  EXPECT_EQ(store().insert_events({}), 0U);
}

TEST_P(StoreConformance, SameEventFromTwoRelaysIsOneEventWithTwoJunctions) {
  const auto event = make_event(1700000000, 1);
  const auto a = make_relay("wss://a.example");
  const auto b = make_relay("wss://b.example");
  EXPECT_EQ(
      store().insert_events(std::vector{seen_on(event, a, 10), seen_on(event, b, 11), seen_on(event, a, 12)}),
      2U);
  EXPECT_EQ(store().counts().events, 1);
  EXPECT_EQ(store().counts().event_relays, 2);
  EXPECT_EQ(store().event_ids_of_relay(b.url()), std::vector<std::string>{event.id_hex()});
}

TEST_P(StoreConformance, EventIdsOfRelayAreAscending) {
  const auto relay = make_relay("wss://a.example");
  std::vector<models::EventRelay> batch;
  std::vector<std::string> ids;
  for (int i = 0; i < 20; ++i) {
    const auto event = make_event(1700000000 + i, 1);
    ids.push_back(event.id_hex());
    batch.push_back(seen_on(event, relay, 5));
  }
  store().insert_events(batch);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(store().event_ids_of_relay(relay.url()), ids);
  EXPECT_TRUE(store().event_ids_of_relay("wss://unknown.example").empty());
}

TEST_P(StoreConformance, InsertEventsWithStateCommitsCursorsWithTheEvents) {
  const auto relay = make_relay("wss://a.example");
  const auto event = make_event(1700000000, 1);
  const auto cursor = make_state(ServiceName::synchronizer, ServiceStateType::cursor, relay.url(),
                                 R"({"timestamp":1700000000,"id":")" + event.id_hex() + "\"}");
  EXPECT_EQ(store().insert_events_with_state(std::vector{seen_on(event, relay, 5)}, std::vector{cursor}), 1U);
  const auto cursors = store().relay_cursors(ServiceName::synchronizer);
  ASSERT_EQ(cursors.size(), 1U);
  EXPECT_EQ(cursors[0].timestamp, 1700000000);
  EXPECT_EQ(cursors[0].event_id, event.id_hex());
  EXPECT_EQ(store().counts().events, 1);
  // A cursor alone (no events) is written too.
  store().insert_events_with_state(
      {}, std::vector{make_state(ServiceName::synchronizer, ServiceStateType::cursor, relay.url(),
                                 R"({"timestamp":5,"id":")" + std::string(64, '1') + "\"}")});
  EXPECT_EQ(store().relay_cursors(ServiceName::synchronizer)[0].timestamp, 5);
}

TEST_P(StoreConformance, DeletingARelayCascadesToJunctionsAndLeavesOrphans) {
  const auto a = make_relay("wss://a.example");
  const auto b = make_relay("wss://b.example");
  const auto only_a = make_event(1700000000, 1, {}, "only on a");
  const auto shared = make_event(1700000001, 1, {}, "on both");
  store().insert_events(std::vector{seen_on(only_a, a, 5), seen_on(shared, a, 5), seen_on(shared, b, 6)});
  store().insert_relay_metadata(
      std::vector{measured(a, MetadataType::nip11_info, kNip11, 100),
                  measured(b, MetadataType::nip66_rtt, R"({"data":{"rtt_open":5}})", 100)});
  EXPECT_EQ(store().delete_relays(std::vector<std::string>{a.url()}), 1U);
  auto counts = store().counts();
  EXPECT_EQ(counts.relays, 1);
  EXPECT_EQ(counts.event_relays, 1);
  EXPECT_EQ(counts.relay_metadata, 1);
  EXPECT_EQ(counts.events, 2);    // events stay ...
  EXPECT_EQ(counts.metadata, 2);  // ... and so do documents
  EXPECT_TRUE(store().event_ids_of_relay(a.url()).empty());
  EXPECT_EQ(store().delete_orphan_events(1), 1U);
  EXPECT_EQ(store().delete_orphan_metadata(1000), 1U);
  counts = store().counts();
  EXPECT_EQ(counts.events, 1);
  EXPECT_EQ(counts.metadata, 1);
  EXPECT_EQ(store().event_ids_of_relay(b.url()), std::vector<std::string>{shared.id_hex()});
  EXPECT_EQ(store().delete_orphan_events(10), 0U);
}

TEST_P(StoreConformance, OrphanCleanUpRunsInRounds) {
  const auto relay = make_relay("wss://a.example");
  std::vector<models::EventRelay> batch;
  for (int i = 0; i < 25; ++i) batch.push_back(seen_on(make_event(1700000000 + i, 1), relay, 5));
  store().insert_events(batch);
  store().delete_relays(std::vector<std::string>{relay.url()});
  EXPECT_EQ(store().delete_orphan_events(10), 25U);
  EXPECT_EQ(store().counts().events, 0);
}

TEST_P(StoreConformance, IdenticalDocumentsShareOneMetadataRow) {
  const auto a = make_relay("wss://a.example");
  const auto b = make_relay("wss://b.example");
  const std::string reordered = R"({"logs":{"success":true},"data":{"software":"strfry","name":"Relay"}})";
  EXPECT_EQ(store().insert_relay_metadata(std::vector{measured(a, MetadataType::nip11_info, kNip11, 100),
                                                      measured(b, MetadataType::nip11_info, reordered, 100)}),
            2U);
  const auto counts = store().counts();
  EXPECT_EQ(counts.metadata, 1);
  EXPECT_EQ(counts.relay_metadata, 2);
  EXPECT_EQ(counts.relays, 2);
}

TEST_P(StoreConformance, SameBytesUnderTwoTypesAreTwoRows) {
  const auto a = make_relay("wss://a.example");
  const std::string document = R"({"data":{"x":1}})";
  store().insert_relay_metadata(std::vector{measured(a, MetadataType::nip66_dns, document, 100),
                                            measured(a, MetadataType::nip66_http, document, 100)});
  EXPECT_EQ(store().counts().metadata, 2);
  EXPECT_EQ(store().counts().relay_metadata, 2);
}

TEST_P(StoreConformance, OneDocumentPerRelayTypeAndSecond) {
  const auto a = make_relay("wss://a.example");
  EXPECT_EQ(store().insert_relay_metadata(
                std::vector{measured(a, MetadataType::nip66_rtt, R"({"data":{"rtt_open":1}})", 100)}),
            1U);
  EXPECT_EQ(store().insert_relay_metadata(
                std::vector{measured(a, MetadataType::nip66_rtt, R"({"data":{"rtt_open":2}})", 100)}),
            0U);
  EXPECT_EQ(store().insert_relay_metadata(
                std::vector{measured(a, MetadataType::nip66_rtt, R"({"data":{"rtt_open":2}})", 101)}),
            1U);
  EXPECT_EQ(store().counts().relay_metadata, 2);
}

TEST_P(StoreConformance, ScanTagValuesPagesWithoutGapsOrDuplicates) {
  const auto relay = make_relay("wss://a.example");
  const auto other = make_relay("wss://b.example");
  std::vector<models::EventRelay> batch;
  std::vector<std::pair<std::int64_t, std::string>> expected;
  for (int i = 0; i < 5; ++i) {
    const auto event =
        make_event(1700000000 + i, 1, {{"r", "wss://r" + std::to_string(i) + ".example"}, {"alt", "x"}});
    const std::int64_t seen_at = 100 + i / 2;  // two rows share each seen_at: the id breaks the tie
    batch.push_back(seen_on(event, relay, seen_at));
    expected.emplace_back(seen_at, event.id_hex());
  }
  batch.push_back(seen_on(make_event(1, 1, {{"r", "wss://elsewhere.example"}}), other, 100));
  store().insert_events(batch);
  std::sort(expected.begin(), expected.end());

  const auto first = store().scan_tag_values(relay.url(), 0, std::string(64, '0'), 3);
  ASSERT_EQ(first.size(), 3U);
  const auto second = store().scan_tag_values(relay.url(), first.back().seen_at, first.back().event_id, 3);
  ASSERT_EQ(second.size(), 2U);
  std::vector<std::pair<std::int64_t, std::string>> scanned;
  for (const auto& row : first) scanned.emplace_back(row.seen_at, row.event_id);
  for (const auto& row : second) scanned.emplace_back(row.seen_at, row.event_id);
  EXPECT_EQ(scanned, expected);
  EXPECT_TRUE(store().scan_tag_values(relay.url(), second.back().seen_at, second.back().event_id, 3).empty());
  ASSERT_EQ(first[0].tag_values.size(), 1U);  // "alt" has a long name: not indexed
  EXPECT_TRUE(first[0].tag_values[0].starts_with("r:wss://r"));
  EXPECT_EQ(scanned_ids(store().scan_tag_values(other.url(), 0, std::string(64, '0'), 10)).size(), 1U);
}

TEST_P(StoreConformance, NulIsRefusedBeforeTheStore) {
  const auto relay = make_relay("wss://a.example");
  EXPECT_FALSE(models::EventRelay::create(make_event(1, 1, {}, std::string("a\0b", 3)), relay, 5));
  EXPECT_FALSE(models::EventRelay::create(make_event(1, 1, {{"t", std::string("x\0", 2)}}), relay, 5));
}

TEST_P(StoreConformance, UnicodeContentRoundTripsByteExact) {
  const auto relay = make_relay("wss://a.example");
  const std::string content = "héllo wörld 🌍🚀 \u2028line\u2029para \"quoted\" \\ \t tab 日本語 \x7f";
  const auto event = make_event(1700000000, 1, {{"t", "ünï 🌍"}}, content);
  store().insert_events(std::vector{seen_on(event, relay, 5)});
  EXPECT_EQ(store().event_ids_of_relay(relay.url()), std::vector<std::string>{event.id_hex()});
  const auto rows = store().read_rows("event", 10);
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].as_object().at("content").as_string(), content);
  EXPECT_EQ(rows[0].as_object().at("id").as_string(), event.id_hex());
  const auto scan = store().scan_tag_values(relay.url(), 0, std::string(64, '0'), 10);
  ASSERT_EQ(scan.size(), 1U);
  EXPECT_EQ(scan[0].tag_values, std::vector<std::string>{"t:ünï 🌍"});
}

TEST_P(StoreConformance, SeventyKilobyteContentIsKept) {
  const auto relay = make_relay("wss://a.example");
  std::string content;
  while (content.size() < 70 * 1024) content += "0123456789abcdef🌍";
  const auto event = make_event(1700000000, 1, {}, content);
  store().insert_events(std::vector{seen_on(event, relay, 5)});
  const auto rows = store().read_rows("event", 1);
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(rows[0].as_object().at("content").as_string(), content);
}

TEST_P(StoreConformance, TwoThousandTagsAreIndexed) {
  const auto relay = make_relay("wss://a.example");
  models::EventTags tags;
  for (int i = 0; i < 2000; ++i) tags.push_back({"p", std::string(60, 'a') + std::to_string(1000 + i)});
  const auto event = make_event(1700000000, 3, tags);
  EXPECT_EQ(store().insert_events(std::vector{seen_on(event, relay, 5)}), 1U);
  const auto scan = store().scan_tag_values(relay.url(), 0, std::string(64, '0'), 10);
  ASSERT_EQ(scan.size(), 1U);
  ASSERT_EQ(scan[0].tag_values.size(), 2000U);
  EXPECT_EQ(scan[0].tag_values[1999], "p:" + std::string(60, 'a') + "2999");
  const auto rows = store().read_rows("event", 1);
  EXPECT_EQ(rows[0].as_object().at("tags").as_array().size(), 2000U);
}

TEST_P(StoreConformance, LilbrotrKeepsNoContentButIndexesTags) {
  auto lil = GetParam().open_fresh(DatabaseFlavour::lilbrotr);
  EXPECT_TRUE(lil->init(DatabaseFlavour::lilbrotr).created);
  EXPECT_EQ(lil->flavour(), DatabaseFlavour::lilbrotr);
  const auto relay = make_relay("wss://a.example");
  const auto event = make_event(1700000000, 30023, {{"d", "post"}, {"e", std::string(64, 'e')}}, "long read");
  EXPECT_EQ(lil->insert_events(std::vector{seen_on(event, relay, 5)}), 1U);
  const auto rows = lil->read_rows("event", 10);
  ASSERT_EQ(rows.size(), 1U);
  const auto& row = rows[0].as_object();
  EXPECT_TRUE(row.at("content").is_null());
  EXPECT_TRUE(row.at("tags").is_null());
  EXPECT_TRUE(row.at("sig").is_null());
  EXPECT_EQ(row.at("pubkey").as_string(), event.pubkey_hex());
  EXPECT_EQ(number(row.at("kind")), 30023);
  const auto scan = lil->scan_tag_values(relay.url(), 0, std::string(64, '0'), 10);
  ASSERT_EQ(scan.size(), 1U);
  EXPECT_EQ(scan[0].tag_values, (std::vector<std::string>{"d:post", "e:" + std::string(64, 'e')}));
  lil->refresh_view("events_addressable_latest");
  const auto latest = lil->read_rows("events_addressable_latest", 10);
  ASSERT_EQ(latest.size(), 1U);
  EXPECT_EQ(latest[0].as_object().at("d_tag").as_string(), "");
  EXPECT_TRUE(latest[0].as_object().at("content").is_null());
}

}  // namespace
}  // namespace bigbrotr::testing
