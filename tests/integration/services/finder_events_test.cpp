// The finder's events phase on SQLite and PostgreSQL: relay URLs in the `r` tags of
// archived events become candidates exactly once; the cursor makes later cycles see only
// new events.
#include "service_backends.hpp"
#include "services/finder.hpp"

namespace bigbrotr::testing {
namespace {

class FinderEvents : public ::testing::TestWithParam<ServiceBackend> {};

// Stores one event per URL on `relay`, seen at `seen_at` + index.
void archive(core::store::Store& store, const models::Relay& relay, const std::vector<std::string>& urls,
             std::int64_t seen_at) {
  std::vector<models::EventRelay> observations;
  for (std::size_t index = 0; index < urls.size(); ++index) {
    const auto at = seen_at + static_cast<std::int64_t>(index);
    const auto event =
        signed_event(at, {{"r", urls[index]}, {"p", std::string(64, 'c')}}, "note " + std::to_string(at));
    observations.push_back(seen_on(event, relay, at));
  }
  store.insert_events(observations);
}

TEST_P(FinderEvents, TagsBecomeCandidatesExactlyOnce) {
  auto harness = harness_on(GetParam(), models::ServiceName::finder);
  auto& store = harness->store();
  const auto first = relay_of("wss://archive-one.example.com");
  const auto second = relay_of("ws://127.0.0.1:4848");
  archive(
      store, first,
      {"wss://found-a.example.com", "ws://127.0.0.1:7001", "wss://found-a.example.com/", "garbage", "wss://"},
      1700000000);
  archive(store, second, {"wss://found-b.example.com", "wss://archive-one.example.com"}, 1700000100);

  core::FinderConfig config;
  config.api.enabled = false;
  config.events.scan_size = 10;
  config.events.batch_size = 10;
  services::Finder finder(config, {true}, harness->context());
  finder.run();
  // archive-one is a relay already, so it is no candidate.
  EXPECT_EQ(candidate_urls(store),
            (std::vector<std::string>{"ws://127.0.0.1:7001", "wss://found-a.example.com",
                                      "wss://found-b.example.com"}));
  EXPECT_EQ(harness->gauge("relays_seen"), 2);
  EXPECT_EQ(harness->gauge("rows_seen"), 7);
  EXPECT_EQ(harness->gauge("candidates_found_from_events"), 3);

  finder.cleanup();
  finder.run();
  EXPECT_EQ(harness->gauge("rows_seen"), 0);
  EXPECT_EQ(harness->gauge("candidates_found_from_events"), 0);
  EXPECT_EQ(store.all_candidates().size(), 3U);

  archive(store, second, {"wss://found-c.example.com", "wss://found-a.example.com"}, 1700000200);
  finder.run();
  EXPECT_EQ(harness->gauge("rows_seen"), 2);
  EXPECT_EQ(harness->gauge("candidates_found_from_events"), 1);
  EXPECT_EQ(store.all_candidates().size(), 4U);
  const auto cursor =
      store.get_state(models::ServiceName::finder, models::ServiceStateType::cursor, second.url());
  ASSERT_EQ(cursor.size(), 1U);
  EXPECT_EQ(cursor.front().value().at("timestamp").as_int64(), 1700000201);
}

TEST_P(FinderEvents, ManyRelaysInParallelWithSmallBatches) {
  auto harness = harness_on(GetParam(), models::ServiceName::finder);
  auto& store = harness->store();
  for (int relay = 0; relay < 8; ++relay) {
    std::vector<std::string> urls;
    for (int index = 0; index < 15; ++index) {
      urls.push_back("wss://r" + std::to_string(relay) + "-" + std::to_string(index) + ".example.com");
    }
    archive(store, relay_of("wss://archive" + std::to_string(relay) + ".example.com"), urls,
            1700000000 + relay * 100);
  }
  core::FinderConfig config;
  config.api.enabled = false;
  config.events.scan_size = 10;
  config.events.batch_size = 10;
  config.events.parallel_relays = 4;
  services::Finder finder(config, {}, harness->context());
  finder.run();
  EXPECT_EQ(store.all_candidates().size(), 120U);
  EXPECT_EQ(harness->gauge("rows_seen"), 120);
  EXPECT_EQ(store.get_state(models::ServiceName::finder, models::ServiceStateType::cursor).size(), 8U);
  finder.run();
  EXPECT_EQ(harness->gauge("rows_seen"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, FinderEvents,
                         ::testing::Values(ServiceBackend::sqlite, ServiceBackend::postgresql), backend_name);

}  // namespace
}  // namespace bigbrotr::testing
