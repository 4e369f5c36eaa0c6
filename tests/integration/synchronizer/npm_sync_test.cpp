// The synchronizer against a relay we did not write (@nostr-relay/core, tests/peers):
// events published to it with our client are all archived, on SQLite and PostgreSQL.
#include "support/npm_relay_process.hpp"
#include "support/publish_events.hpp"
#include "sync_test_support.hpp"

namespace bigbrotr::testing {
namespace {

const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new PostgresServerEnvironment);

class NpmSync : public ::testing::TestWithParam<SyncBackend> {};

TEST_P(NpmSync, EveryPublishedEventIsArchived) {
  if (!NpmRelayProcess::available()) GTEST_SKIP() << "run npm ci in tests/peers";
  NpmRelayProcess relay;
  // Recent timestamps: relays may refuse events far in the past.
  const std::int64_t first = models::unix_now() - 3600;
  const DataSet set = make_data_set("npm", 300, first, 30, 10);
  ASSERT_EQ(publish_all(relay.url(), set.events), set.events.size());

  auto harness = sync_harness(GetParam());
  const std::vector<models::Relay> relays{relay_of(relay.url())};
  harness->store().insert_relays(relays);
  auto config = loopback_sync_config(models::unix_now());
  config.processing.limit = 100;
  const auto totals = sync_once(*harness, config);
  EXPECT_EQ(totals.relays_seen, 1U);
  EXPECT_EQ(totals.stream_failed, 0U);
  EXPECT_EQ(harness->store().event_ids_of_relay(relay.url()), set.sorted_ids());
  const auto cursor = sync_cursor(harness->store(), relay.url());
  ASSERT_TRUE(cursor);
  EXPECT_EQ(cursor->second, set.events.back().id_hex());
}

INSTANTIATE_TEST_SUITE_P(Backends, NpmSync, ::testing::Values(SyncBackend::sqlite, SyncBackend::postgresql),
                         sync_backend_name);

}  // namespace
}  // namespace bigbrotr::testing
