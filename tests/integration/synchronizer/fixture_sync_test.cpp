// The synchronizer against our fixture relay on loopback: a capped relay, hostile relays
// (forged signatures and ids, dropped connections, CLOSED, AUTH), on SQLite and PostgreSQL.
#include <set>
#include <thread>

#include "support/fixture_relay_process.hpp"
#include "sync_test_support.hpp"

namespace bigbrotr::testing {
namespace {

const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new PostgresServerEnvironment);

constexpr std::int64_t kFirstSecond = 1'700'000'000;

// 5,000 events over 120 seconds (~42 a second) by 50 authors: with a cap of 100 every
// window must be split several times and many seconds are re-read.
const DataSet& narrow_set() {
  static const DataSet set = make_data_set("narrow", 5000, kFirstSecond, 120, 50);
  return set;
}

// 1,000 events over 100 seconds, for the hostile relays.
const DataSet& small_set() {
  static const DataSet set = make_data_set("small", 1000, kFirstSecond, 100, 10);
  return set;
}

class FixtureSync : public ::testing::TestWithParam<SyncBackend> {
 protected:
  void SetUp() override { harness_ = sync_harness(GetParam()); }

  core::store::Store& store() { return harness_->store(); }
  void add_relay(const std::string& url) {
    const std::vector<models::Relay> relays{relay_of(url)};
    store().insert_relays(relays);
  }
  services::synchronizer::CycleTotals sync(const core::SynchronizerConfig& config) {
    return sync_once(*harness_, config);
  }

  std::unique_ptr<ServiceHarness> harness_;
};

TEST_P(FixtureSync, CappedRelayArchivesEveryEventExactlyOnce) {
  const DataSet& set = narrow_set();
  FixtureRelayProcess relay({"--data", set.path.string(), "--cap", "100"});
  add_relay(relay.url());
  const auto config = loopback_sync_config(set.last_second() + 10);

  const auto totals = sync(config);
  EXPECT_EQ(totals.relays_seen, 1U);
  EXPECT_EQ(totals.rows_inserted, 5000U);
  EXPECT_EQ(totals.fetch.bad_id + totals.fetch.bad_signature + totals.fetch.unmatched, 0U);
  EXPECT_EQ(harness_->gauge("total_relays"), 1);
  EXPECT_EQ(harness_->gauge("relays_seen"), 1);
  EXPECT_EQ(harness_->gauge("events_seen"), 5000);
  EXPECT_EQ(harness_->gauge("rows_inserted"), 5000);
  EXPECT_EQ(store().event_ids_of_relay(relay.url()), set.sorted_ids());
  const auto cursor = sync_cursor(store(), relay.url());
  ASSERT_TRUE(cursor);
  EXPECT_EQ(cursor->first, set.events.back().created_at());
  EXPECT_EQ(cursor->second, set.events.back().id_hex());

  // The next cycle re-reads the cursor's second only and stores nothing new.
  const auto again = sync(config);
  EXPECT_EQ(again.rows_inserted, 0U);
  EXPECT_LT(again.events_seen, 100U);
  EXPECT_EQ(store().event_ids_of_relay(relay.url()), set.sorted_ids());
  EXPECT_EQ(store().counts().events, 5000);
}

TEST_P(FixtureSync, ForgedSignaturesAreCountedAndNeverStored) {
  const DataSet& set = small_set();
  FixtureRelayProcess relay({"--data", set.path.string(), "--bad-sig", "--cap", "100"});
  add_relay(relay.url());
  const auto totals = sync(loopback_sync_config(set.last_second()));
  EXPECT_GT(totals.fetch.bad_signature, 0U);
  EXPECT_EQ(totals.fetch.bad_id, 0U);
  // What was stored is authentic: the archive's rows carry the data set's signatures.
  const auto stored = store().event_ids_of_relay(relay.url());
  const auto expected = set.sorted_ids();
  EXPECT_TRUE(std::includes(expected.begin(), expected.end(), stored.begin(), stored.end()));
  EXPECT_GT(stored.size(), 0U);
  // Each event the stream yields is checked once, however often its window's edge was
  // read again: stored or counted, never both, never twice.
  EXPECT_EQ(stored.size() + totals.fetch.bad_signature, expected.size());
  EXPECT_NE(harness_->log().find("relay served invalid events"), std::string::npos);
}

TEST_P(FixtureSync, ForgedIdsAreCountedAndNeverStored) {
  const DataSet& set = small_set();
  FixtureRelayProcess relay({"--data", set.path.string(), "--wrong-id", "--cap", "100"});
  add_relay(relay.url());
  const auto totals = sync(loopback_sync_config(set.last_second()));
  EXPECT_GT(totals.fetch.bad_id, 0U);
  const auto stored = store().event_ids_of_relay(relay.url());
  const auto expected = set.sorted_ids();
  EXPECT_GT(stored.size(), 0U);
  EXPECT_TRUE(std::includes(expected.begin(), expected.end(), stored.begin(), stored.end()))
      << "a forged id is never archived";
}

TEST_P(FixtureSync, DroppedConnectionKeepsWhatArrivedAndLaterCyclesFillTheRest) {
  const DataSet& set = small_set();
  FixtureRelayProcess relay({"--data", set.path.string(), "--cap", "100", "--drop-after", "500"});
  add_relay(relay.url());
  const auto config = loopback_sync_config(set.last_second());
  std::size_t cycles = 0;
  // Each connection dies after 500 events, and a cycle reads each event about once (plus
  // the re-read oldest second of each window and the answers kept while the first window
  // narrows), so 1,000 events take several cycles; 40 are far more than they need.
  for (; cycles < 40 && store().event_ids_of_relay(relay.url()).size() < set.events.size(); ++cycles) {
    const auto totals = sync(config);
    const auto cursor = sync_cursor(store(), relay.url());
    ASSERT_TRUE(cursor) << "cycle " << cycles;
    EXPECT_EQ(store().event_ids_of_relay(relay.url()), ids_up_to(set, cursor->first, cursor->second))
        << "cycle " << cycles << ": the archive is exactly the data set up to the cursor";
    if (store().event_ids_of_relay(relay.url()).size() < set.events.size()) {
      EXPECT_EQ(totals.stream_failed, 1U);
    }
  }
  EXPECT_GT(cycles, 1U);
  EXPECT_EQ(store().event_ids_of_relay(relay.url()), set.sorted_ids());
  EXPECT_NE(harness_->log().find("relay stream failed"), std::string::npos);
}

TEST_P(FixtureSync, ClosedSubscriptionsStoreNothingAndKeepNoCursor) {
  const DataSet& set = small_set();
  FixtureRelayProcess relay({"--data", set.path.string(), "--closed", "rate-limited: slow down"});
  add_relay(relay.url());
  const auto totals = sync(loopback_sync_config(set.last_second()));
  EXPECT_EQ(totals.stream_failed, 1U);
  EXPECT_TRUE(store().event_ids_of_relay(relay.url()).empty());
  EXPECT_FALSE(sync_cursor(store(), relay.url()));
}

TEST_P(FixtureSync, AuthRelayIsReadWithAKeyAndCountedWithout) {
  const DataSet& set = small_set();
  FixtureRelayProcess relay({"--data", set.path.string(), "--auth", "--cap", "100"});
  add_relay(relay.url());
  auto config = loopback_sync_config(set.last_second());

  const auto without_key = sync(config);
  EXPECT_EQ(without_key.auth_unavailable, 1U);
  EXPECT_TRUE(store().event_ids_of_relay(relay.url()).empty());
  EXPECT_NE(harness_->log().find("requires AUTH"), std::string::npos);

  config.keys.private_key = core::Secret(std::string(63, '0') + "3");
  const auto with_key = sync(config);
  EXPECT_EQ(with_key.auth_unavailable, 0U);
  EXPECT_EQ(store().event_ids_of_relay(relay.url()), set.sorted_ids());
}

// A relay that refuses the key we do have is not a relay we lack a key for: it is
// counted and logged as a refusal (it was once reported as "no private key is
// configured").
TEST_P(FixtureSync, RelayRefusingOurKeyIsCountedAsARefusal) {
  const DataSet& set = small_set();
  FixtureRelayProcess relay({"--data", set.path.string(), "--auth", "--reject-auth",
                             "restricted: this key is not on the allow list"});
  add_relay(relay.url());
  auto config = loopback_sync_config(set.last_second());
  config.keys.private_key = core::Secret(std::string(63, '0') + "3");
  const auto totals = sync(config);
  EXPECT_EQ(totals.auth_rejected, 1U);
  EXPECT_EQ(totals.auth_unavailable, 0U);
  EXPECT_TRUE(store().event_ids_of_relay(relay.url()).empty());
  EXPECT_EQ(harness_->log().find("no private key is configured"), std::string::npos) << harness_->log();
  EXPECT_NE(harness_->log().find("relay refused our AUTH"), std::string::npos);
}

TEST_P(FixtureSync, UnreachableRelayIsCountedAndOthersStillSync) {
  const DataSet& set = small_set();
  FixtureRelayProcess relay({"--data", set.path.string()});
  FixtureRelayProcess dead;
  const std::string dead_url = dead.url();
  dead.stop();
  add_relay(relay.url());
  add_relay(dead_url);
  const auto totals = sync(loopback_sync_config(set.last_second()));
  EXPECT_EQ(totals.relays_seen, 2U);
  EXPECT_EQ(totals.connect_failed, 1U);
  EXPECT_EQ(store().event_ids_of_relay(relay.url()), set.sorted_ids());
}

TEST_P(FixtureSync, StopAfterSomeBatchesLeavesAConsistentArchiveThatResumes) {
  const DataSet& set = small_set();
  FixtureRelayProcess relay({"--data", set.path.string(), "--cap", "100", "--slow-ms", "1"});
  add_relay(relay.url());
  const auto config = loopback_sync_config(set.last_second());
  {
    services::Synchronizer synchronizer(config, harness_->context(), 2);
    std::thread stopper([&] {
      // Stop as soon as the first flush is visible, or after 20 s at most.
      for (int i = 0; i < 2000 && !sync_cursor(store(), relay.url()); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      harness_->stop().request_stop();
    });
    synchronizer.run();
    stopper.join();
    EXPECT_TRUE(synchronizer.last_totals().stopped);
  }
  const auto cursor = sync_cursor(store(), relay.url());
  ASSERT_TRUE(cursor);
  const auto stored = store().event_ids_of_relay(relay.url());
  EXPECT_EQ(stored, ids_up_to(set, cursor->first, cursor->second));

  // A fresh process (new stop signal) finishes the job without gaps or duplicates.
  core::StopSignal fresh;
  core::ServiceContext context{store(), harness_->context().logger, harness_->context().metrics, fresh};
  services::Synchronizer resumed(config, context, 2);
  resumed.run();
  EXPECT_EQ(store().event_ids_of_relay(relay.url()), set.sorted_ids());
}

INSTANTIATE_TEST_SUITE_P(Backends, FixtureSync,
                         ::testing::Values(SyncBackend::sqlite, SyncBackend::postgresql), sync_backend_name);

}  // namespace
}  // namespace bigbrotr::testing
