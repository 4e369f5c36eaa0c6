// The conformance suite, part 1: schema, relays, candidates, service state and the
// service queries. Events and metadata: store_conformance_events_test.cpp; analytics
// views: store_conformance_views_test.cpp.
#include <algorithm>

#include "store_conformance.hpp"

namespace bigbrotr::testing {
namespace {

using core::DatabaseFlavour;
using core::store::Candidate;
using core::store::CandidateFilter;
using core::store::StoreError;
using models::NetworkType;
using models::ServiceName;
using models::ServiceStateType;

const std::string kTor = "ws://" + kTorHost + ".onion";

std::vector<std::string> urls_of(const std::vector<models::Relay>& relays) {
  std::vector<std::string> urls;
  for (const auto& relay : relays) urls.push_back(relay.url());
  return urls;
}

std::vector<std::string> urls_of(const std::vector<Candidate>& candidates) {
  std::vector<std::string> urls;
  for (const auto& candidate : candidates) urls.push_back(candidate.relay.url());
  return urls;
}

TEST_P(StoreConformance, InitCreatesTheSchemaOnce) {
  EXPECT_TRUE(first_init_.created);
  EXPECT_FALSE(first_init_.upgraded);
  EXPECT_GT(first_init_.version, 0);
  EXPECT_EQ(store().schema_version(), first_init_.version);
  EXPECT_EQ(store().flavour(), DatabaseFlavour::bigbrotr);
  EXPECT_TRUE(store().healthy());
  EXPECT_TRUE(store().backend() == "sqlite" || store().backend() == "postgresql");
}

TEST_P(StoreConformance, InitTwiceChangesNothing) {
  store().insert_relays(std::vector{make_relay("wss://a.example")});
  const auto before = store().counts();
  const auto again = store().init(DatabaseFlavour::bigbrotr);
  EXPECT_FALSE(again.created);
  EXPECT_FALSE(again.upgraded);
  EXPECT_EQ(again.version, first_init_.version);
  EXPECT_EQ(store().counts().relays, before.relays);
  EXPECT_EQ(store().relays().size(), 1U);
}

TEST_P(StoreConformance, InitRefusesToChangeTheFlavour) {
  EXPECT_THROW(store().init(DatabaseFlavour::lilbrotr), StoreError);
  EXPECT_EQ(store().flavour(), DatabaseFlavour::bigbrotr);
}

TEST_P(StoreConformance, ReopenKeepsData) {
  if (!GetParam().reopen_last) GTEST_SKIP() << "backend cannot reopen a database";
  store().insert_relays(std::vector{make_relay("wss://kept.example")});
  store_.reset();
  auto reopened = GetParam().reopen_last();
  EXPECT_EQ(reopened->schema_version(), first_init_.version);
  EXPECT_FALSE(reopened->init(DatabaseFlavour::bigbrotr).created);
  EXPECT_EQ(urls_of(reopened->relays()), std::vector<std::string>{"wss://kept.example"});
}

TEST_P(StoreConformance, InsertRelaysIgnoresExistingUrls) {
  EXPECT_EQ(store().insert_relays(
                std::vector{make_relay("wss://b.example", 10), make_relay("wss://a.example", 20)}),
            2U);
  EXPECT_EQ(store().insert_relays(
                std::vector{make_relay("wss://a.example", 99), make_relay("wss://c.example", 30)}),
            1U);
  const auto relays = store().relays();
  EXPECT_EQ(urls_of(relays),
            (std::vector<std::string>{"wss://a.example", "wss://b.example", "wss://c.example"}));
  EXPECT_EQ(relays[0].discovered_at(), 20);  // the first insert wins
  EXPECT_EQ(store().insert_relays({}), 0U);
}

TEST_P(StoreConformance, RelaysFilterByNetwork) {
  store().insert_relays(std::vector{make_relay("wss://a.example"), make_relay(kTor)});
  const std::vector tor{NetworkType::tor};
  EXPECT_EQ(urls_of(store().relays(tor)), std::vector<std::string>{kTor});
  const std::vector clearnet{NetworkType::clearnet};
  const auto clear = store().relays(clearnet);
  ASSERT_EQ(clear.size(), 1U);
  EXPECT_EQ(clear[0].network(), NetworkType::clearnet);
  EXPECT_EQ(store().relays().size(), 2U);
  const std::vector i2p{NetworkType::i2p};
  EXPECT_TRUE(store().relays(i2p).empty());
}

TEST_P(StoreConformance, DeleteRelaysReturnsRowsDeleted) {
  store().insert_relays(std::vector{make_relay("wss://a.example"), make_relay("wss://b.example")});
  EXPECT_EQ(store().delete_relays(std::vector<std::string>{"wss://a.example", "wss://missing.example"}), 1U);
  EXPECT_EQ(urls_of(store().relays()), std::vector<std::string>{"wss://b.example"});
}

TEST_P(StoreConformance, AddCandidatesSkipsRelaysAndExistingCandidates) {
  store().insert_relays(std::vector{make_relay("wss://relay.example")});
  const auto added = store().add_candidates(
      std::vector{make_relay("wss://relay.example"), make_relay("wss://new.example"), make_relay(kTor)}, 100);
  EXPECT_EQ(added, 2U);
  EXPECT_EQ(store().add_candidates(std::vector{make_relay("wss://new.example")}, 200), 0U);
  const auto all = store().all_candidates();
  ASSERT_EQ(all.size(), 2U);
  for (const auto& candidate : all) {
    EXPECT_TRUE(candidate.relay.url() == kTor || candidate.relay.url() == "wss://new.example");
    EXPECT_EQ(candidate.failures, 0);
    EXPECT_EQ(candidate.last_attempt, 100);
    EXPECT_EQ(candidate.relay.network(),
              candidate.relay.url() == kTor ? NetworkType::tor : NetworkType::clearnet);
  }
}

TEST_P(StoreConformance, AddCandidatesNeverResetsFailures) {
  store().add_candidates(std::vector{make_relay("wss://flaky.example")}, 100);
  store().record_candidate_failures(store().all_candidates(), 150);
  store().add_candidates(std::vector{make_relay("wss://flaky.example")}, 300);
  const auto all = store().all_candidates();
  ASSERT_EQ(all.size(), 1U);
  EXPECT_EQ(all[0].failures, 1);
  EXPECT_EQ(all[0].last_attempt, 150);
}

TEST_P(StoreConformance, CandidatesFilterByNetworkAndRetryTime) {
  store().add_candidates(std::vector{make_relay("wss://fresh.example"), make_relay("wss://failed.example"),
                                     make_relay("wss://stale.example"), make_relay(kTor)},
                         100);
  auto all = store().all_candidates();
  std::vector<Candidate> failed;
  for (const auto& candidate : all) {
    if (candidate.relay.url() == "wss://failed.example") failed.push_back(candidate);
  }
  store().record_candidate_failures(failed, 500);  // tried at 500
  failed.clear();
  for (const auto& candidate : store().all_candidates()) {
    if (candidate.relay.url() == "wss://stale.example") failed.push_back(candidate);
  }
  store().record_candidate_failures(failed, 200);  // tried at 200

  const CandidateFilter clearnet_before_300{{NetworkType::clearnet}, 300};
  EXPECT_EQ(urls_of(store().candidates(clearnet_before_300, 10)),
            (std::vector<std::string>{"wss://fresh.example", "wss://stale.example"}));
  EXPECT_EQ(store().count_candidates(clearnet_before_300), 2U);
  const CandidateFilter all_networks_later{{NetworkType::clearnet, NetworkType::tor}, 1000};
  EXPECT_EQ(store().count_candidates(all_networks_later), 4U);
  const CandidateFilter tor_only{{NetworkType::tor}, 0};
  EXPECT_EQ(urls_of(store().candidates(tor_only, 10)), std::vector<std::string>{kTor});
}

TEST_P(StoreConformance, CandidatesComeFewestFailuresFirstThenOldestAttemptThenUrl) {
  store().add_candidates(std::vector{make_relay("wss://d.example"), make_relay("wss://c.example")}, 50);
  store().add_candidates(std::vector{make_relay("wss://b.example")}, 40);
  store().add_candidates(std::vector{make_relay("wss://a.example")}, 60);
  std::vector<Candidate> failing;
  for (const auto& candidate : store().all_candidates()) {
    if (candidate.relay.url() == "wss://b.example") failing.push_back(candidate);
  }
  store().record_candidate_failures(failing, 10);
  const CandidateFilter filter{{NetworkType::clearnet}, 1000};
  EXPECT_EQ(
      urls_of(store().candidates(filter, 10)),
      (std::vector<std::string>{"wss://c.example", "wss://d.example", "wss://a.example", "wss://b.example"}));
  EXPECT_EQ(urls_of(store().candidates(filter, 2)),
            (std::vector<std::string>{"wss://c.example", "wss://d.example"}));
}

TEST_P(StoreConformance, RecordCandidateFailuresCountsUp) {
  store().add_candidates(std::vector{make_relay("wss://down.example")}, 100);
  store().record_candidate_failures(store().all_candidates(), 200);
  EXPECT_EQ(store().record_candidate_failures(store().all_candidates(), 300), 1U);
  const auto all = store().all_candidates();
  ASSERT_EQ(all.size(), 1U);
  EXPECT_EQ(all[0].failures, 2);
  EXPECT_EQ(all[0].last_attempt, 300);
  EXPECT_EQ(all[0].relay.network(), NetworkType::clearnet);
}

TEST_P(StoreConformance, PromoteCandidatesMovesThemToRelays) {
  store().add_candidates(std::vector{make_relay("wss://good.example"), make_relay("wss://bad.example")}, 100);
  EXPECT_EQ(store().promote_candidates(std::vector{make_relay("wss://good.example", 400)}), 1U);
  EXPECT_EQ(urls_of(store().relays()), std::vector<std::string>{"wss://good.example"});
  EXPECT_EQ(store().relays()[0].discovered_at(), 400);
  EXPECT_EQ(urls_of(store().all_candidates()), std::vector<std::string>{"wss://bad.example"});
}

TEST_P(StoreConformance, DeletesPromotedAndExhaustedCandidates) {
  store().add_candidates(std::vector{make_relay("wss://promoted.example"), make_relay("wss://tired.example"),
                                     make_relay("wss://ok.example")},
                         100);
  store().insert_relays(std::vector{make_relay("wss://promoted.example")});  // promoted elsewhere
  std::vector<Candidate> tired;
  for (const auto& candidate : store().all_candidates()) {
    if (candidate.relay.url() == "wss://tired.example") tired.push_back(candidate);
  }
  store().record_candidate_failures(tired, 110);
  store().record_candidate_failures(store().all_candidates(), 120);  // tired: 2, others: 1
  EXPECT_EQ(store().delete_promoted_candidates(), 1U);
  EXPECT_EQ(store().delete_exhausted_candidates(2), 1U);
  EXPECT_EQ(urls_of(store().all_candidates()), std::vector<std::string>{"wss://ok.example"});
}

TEST_P(StoreConformance, ServiceStateRoundTripsAndReplacesWholeValues) {
  using models::ServiceState;
  const auto finder = ServiceName::finder;
  EXPECT_EQ(
      store().upsert_state(std::vector{
          make_state(finder, ServiceStateType::checkpoint, "https://b.api", R"({"timestamp":5,"extra":"x"})"),
          make_state(finder, ServiceStateType::checkpoint, "https://a.api", R"({"timestamp":6})")}),
      2U);
  store().upsert_state(
      std::vector{make_state(finder, ServiceStateType::checkpoint, "https://b.api", R"({"timestamp":7})")});
  const auto one = store().get_state(finder, ServiceStateType::checkpoint, "https://b.api");
  ASSERT_EQ(one.size(), 1U);
  EXPECT_EQ(one[0].value_json(), R"({"timestamp":7})");  // replaced, not merged
  const auto all = store().get_state(finder, ServiceStateType::checkpoint);
  ASSERT_EQ(all.size(), 2U);
  EXPECT_EQ(all[0].key(), "https://a.api");
  EXPECT_EQ(all[1].key(), "https://b.api");
  EXPECT_TRUE(store().get_state(finder, ServiceStateType::cursor).empty());
  EXPECT_TRUE(store().get_state(ServiceName::monitor, ServiceStateType::checkpoint).empty());
  EXPECT_EQ(store().delete_state(finder, ServiceStateType::checkpoint,
                                 std::vector<std::string>{"https://a.api", "https://none"}),
            1U);
  EXPECT_EQ(store().get_state(finder, ServiceStateType::checkpoint).size(), 1U);
}

TEST_P(StoreConformance, UpsertStateCollapsesDuplicateKeys) {
  const auto monitor = ServiceName::monitor;
  EXPECT_EQ(store().upsert_state(
                std::vector{make_state(monitor, ServiceStateType::checkpoint, "k", R"({"timestamp":1})"),
                            make_state(monitor, ServiceStateType::checkpoint, "k", R"({"timestamp":2})")}),
            1U);
  EXPECT_EQ(store().get_state(monitor, ServiceStateType::checkpoint).size(), 1U);
}

TEST_P(StoreConformance, ServiceStateKeepsUnicodeValues) {
  const std::string value = R"({"note":"héllo 🌍 )"
                            "\u2028"
                            R"( end"})";
  store().upsert_state(
      std::vector{make_state(ServiceName::dvm, ServiceStateType::checkpoint, "ключ", value)});
  const auto read = store().get_state(ServiceName::dvm, ServiceStateType::checkpoint, "ключ");
  ASSERT_EQ(read.size(), 1U);
  EXPECT_EQ(read[0].value().at("note").as_string(), "héllo 🌍 \u2028 end");
}

TEST_P(StoreConformance, RelayCursorsComeMostBehindFirst) {
  store().insert_relays(std::vector{make_relay("wss://a.example"), make_relay("wss://b.example"),
                                    make_relay("wss://c.example"), make_relay(kTor)});
  const std::string high(64, 'f');
  const std::string low = std::string(63, '0') + "1";
  const auto sync = ServiceName::synchronizer;
  store().upsert_state(std::vector{
      make_state(sync, ServiceStateType::cursor, "wss://a.example",
                 R"({"timestamp":50,"id":")" + high + "\"}"),
      make_state(sync, ServiceStateType::cursor, "wss://b.example",
                 R"({"timestamp":50,"id":")" + low + "\"}"),
      make_state(sync, ServiceStateType::cursor, kTor, R"({"timestamp":10,"id":")" + high + "\"}"),
      make_state(ServiceName::finder, ServiceStateType::cursor, "wss://c.example", R"({"timestamp":99})")});
  const auto cursors = store().relay_cursors(sync);
  ASSERT_EQ(cursors.size(), 4U);
  EXPECT_EQ(cursors[0].relay.url(), "wss://c.example");  // no cursor: (0, 64 zeros)
  EXPECT_EQ(cursors[0].timestamp, 0);
  EXPECT_EQ(cursors[0].event_id, std::string(64, '0'));
  EXPECT_EQ(cursors[1].relay.url(), kTor);
  EXPECT_EQ(cursors[2].relay.url(), "wss://b.example");
  EXPECT_EQ(cursors[2].event_id, low);
  EXPECT_EQ(cursors[3].relay.url(), "wss://a.example");
  EXPECT_EQ(cursors[3].timestamp, 50);
  const std::vector tor{NetworkType::tor};
  const auto tor_cursors = store().relay_cursors(sync, tor);
  ASSERT_EQ(tor_cursors.size(), 1U);
  EXPECT_EQ(tor_cursors[0].relay.url(), kTor);
}

TEST_P(StoreConformance, DueRelaysComeLeastRecentlyCheckedFirst) {
  store().insert_relays(std::vector{make_relay("wss://new.example", 30), make_relay("wss://old.example", 10),
                                    make_relay("wss://recent.example", 20),
                                    make_relay("wss://stale.example", 5), make_relay(kTor, 1)});
  const auto monitor = ServiceName::monitor;
  store().upsert_state(std::vector{
      make_state(monitor, ServiceStateType::checkpoint, "wss://recent.example", R"({"timestamp":900})"),
      make_state(monitor, ServiceStateType::checkpoint, "wss://stale.example", R"({"timestamp":100})")});
  const std::vector clearnet{NetworkType::clearnet};
  const auto due = store().due_relays(clearnet, 500, 10);
  ASSERT_EQ(due.size(), 3U);
  EXPECT_EQ(due[0].relay.url(), "wss://old.example");  // never checked, discovered first
  EXPECT_EQ(due[0].last_checked, 0);
  EXPECT_EQ(due[1].relay.url(), "wss://new.example");
  EXPECT_EQ(due[2].relay.url(), "wss://stale.example");
  EXPECT_EQ(due[2].last_checked, 100);
  EXPECT_EQ(store().due_relays(clearnet, 500, 1).size(), 1U);
  const std::vector both{NetworkType::clearnet, NetworkType::tor};
  EXPECT_EQ(store().due_relays(both, 1000, 10).size(), 5U);
}

TEST_P(StoreConformance, DeleteStaleStateKeepsRelayKeysAndKeepKeys) {
  store().insert_relays(std::vector{make_relay("wss://live.example")});
  const auto monitor = ServiceName::monitor;
  const auto checkpoint = ServiceStateType::checkpoint;
  store().upsert_state(
      std::vector{make_state(monitor, checkpoint, "wss://live.example", R"({"timestamp":1})"),
                  make_state(monitor, checkpoint, "wss://gone.example", R"({"timestamp":1})"),
                  make_state(monitor, checkpoint, "profile", R"({"timestamp":1})"),
                  make_state(monitor, checkpoint, "announcement", R"({"timestamp":1})"),
                  make_state(monitor, ServiceStateType::cursor, "other-type", R"({"timestamp":1})")});
  EXPECT_EQ(store().delete_stale_state(monitor, checkpoint, std::vector<std::string>{"profile"}), 2U);
  std::vector<std::string> kept;
  for (const auto& state : store().get_state(monitor, checkpoint)) kept.push_back(state.key());
  EXPECT_EQ(kept, (std::vector<std::string>{"profile", "wss://live.example"}));
  EXPECT_EQ(store().get_state(monitor, ServiceStateType::cursor).size(), 1U);
}

TEST_P(StoreConformance, ReadRowsOfAnUnknownTableFails) {
  EXPECT_THROW(store().read_rows("no_such_table", 10), StoreError);
  EXPECT_THROW(store().read_rows("relay; DROP TABLE relay", 10), StoreError);
  EXPECT_EQ(store().read_rows("relay", 10).size(), 0U);
}

}  // namespace
}  // namespace bigbrotr::testing
