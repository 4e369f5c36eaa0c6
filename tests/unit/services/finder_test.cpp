#include "services/finder.hpp"

#include <gtest/gtest.h>

#include <boost/json/object.hpp>

#include <stdexcept>
#include <string>
#include <vector>

#include "support/service_test_support.hpp"

namespace bigbrotr::services {
namespace {

using models::ServiceName;
using models::ServiceStateType;
using testing::candidate_urls;
using testing::relay_of;
using testing::seen_on;
using testing::ServiceHarness;
using testing::signed_event;

// Events phase only, small pages so paging is exercised.
core::FinderConfig events_only(int scan_size = 10, int batch_size = 10) {
  core::FinderConfig config;
  config.api.enabled = false;
  config.events.scan_size = scan_size;
  config.events.batch_size = batch_size;
  config.events.parallel_relays = 3;
  return config;
}

// Stores `count` events seen on `relay`, each with an `r` tag of `url_of(index)`.
template <class UrlOf>
void store_events(core::store::Store& store, const models::Relay& relay, int first, int count, UrlOf url_of) {
  std::vector<models::EventRelay> observations;
  for (int index = first; index < first + count; ++index) {
    const auto event =
        signed_event(1700000000 + index, {{"r", url_of(index)}}, "event " + std::to_string(index));
    observations.push_back(seen_on(event, relay, 1700000000 + index));
  }
  store.insert_events(observations);
}

std::string numbered(int index) { return "wss://found" + std::to_string(index) + ".example.com"; }

TEST(Finder, UnsupportedExpressionFailsAtConstruction) {
  ServiceHarness harness("sqlite::memory:", ServiceName::finder);
  core::FinderConfig config;
  config.api.sources = {core::ApiSource{"https://list.example.com", true, 30, 10, "relays[?up]", false}};
  try {
    Finder finder(config, {}, harness.context());
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("https://list.example.com"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("filter expressions are not supported"), std::string::npos);
  }
}

TEST(Finder, EventTagsBecomeCandidatesOnceAndTheCursorAdvances) {
  ServiceHarness harness("sqlite::memory:", ServiceName::finder);
  auto& store = harness.store();
  const auto archive = relay_of("wss://archive.example.com");
  store_events(store, archive, 0, 25, numbered);
  Finder finder(events_only(), {}, harness.context());

  finder.run();
  EXPECT_EQ(store.all_candidates().size(), 25U);
  EXPECT_EQ(harness.gauge("rows_seen"), 25);
  EXPECT_EQ(harness.gauge("candidates_found_from_events"), 25);
  EXPECT_EQ(harness.gauge("relays_seen"), 1);
  const auto cursor = store.get_state(ServiceName::finder, ServiceStateType::cursor, archive.url());
  ASSERT_EQ(cursor.size(), 1U);
  EXPECT_EQ(cursor.front().value().at("timestamp").as_int64(), 1700000024);

  finder.run();  // nothing new after the cursor
  EXPECT_EQ(harness.gauge("rows_seen"), 0);
  EXPECT_EQ(harness.gauge("candidates_found_from_events"), 0);

  store_events(store, archive, 25, 3, numbered);
  finder.run();
  EXPECT_EQ(harness.gauge("rows_seen"), 3);
  EXPECT_EQ(harness.gauge("candidates_found_from_events"), 3);
  EXPECT_EQ(store.all_candidates().size(), 28U);
}

TEST(Finder, KnownRelaysAndCandidatesAreNotRegisteredAgain) {
  ServiceHarness harness("sqlite::memory:", ServiceName::finder);
  auto& store = harness.store();
  const auto archive = relay_of("wss://archive.example.com");
  store.insert_relays(std::vector{relay_of("wss://known.example.com")});
  store.add_candidates(std::vector{relay_of("wss://pending.example.com")}, 100);
  store.record_candidate_failures(
      std::vector{core::store::Candidate{relay_of("wss://pending.example.com"), 0, 100}}, 200);
  const std::vector<std::string> urls{"wss://known.example.com", "wss://pending.example.com",
                                      "wss://new.example.com"};
  store_events(store, archive, 0, 3, [&](int index) { return urls[static_cast<std::size_t>(index)]; });
  Finder finder(events_only(), {}, harness.context());
  finder.run();
  EXPECT_EQ(harness.gauge("candidates_found_from_events"), 1);
  for (const auto& candidate : store.all_candidates()) {
    if (candidate.relay.url() == "wss://pending.example.com") {
      EXPECT_EQ(candidate.failures, 1);
    }
  }
}

TEST(Finder, HostileTagValuesAreIgnored) {
  ServiceHarness harness("sqlite::memory:", ServiceName::finder);
  auto& store = harness.store();
  const auto archive = relay_of("wss://archive.example.com");
  const std::vector<std::string> garbage{"not a url",        "https://web.example.com", "wss://",
                                         "ws://127.0.0.1:9", std::string(2000, 'x'),    "wss://exa mple.com",
                                         "\x01\x02",         "wss://ok.example.com"};
  store_events(store, archive, 0, static_cast<int>(garbage.size()),
               [&](int index) { return garbage[static_cast<std::size_t>(index)]; });
  Finder finder(events_only(), {}, harness.context());  // local hosts not allowed
  finder.run();
  EXPECT_EQ(candidate_urls(store), (std::vector<std::string>{"wss://ok.example.com"}));
  EXPECT_EQ(harness.gauge("rows_seen"), static_cast<double>(garbage.size()));
}

TEST(Finder, ScansEveryRelayWithItsOwnCursor) {
  ServiceHarness harness("sqlite::memory:", ServiceName::finder);
  auto& store = harness.store();
  for (int relay = 0; relay < 5; ++relay) {
    const auto archive = relay_of("wss://archive" + std::to_string(relay) + ".example.com");
    store_events(store, archive, relay * 100, 12, numbered);
  }
  Finder finder(events_only(10, 10), {}, harness.context());
  finder.run();
  EXPECT_EQ(harness.gauge("relays_seen"), 5);
  EXPECT_EQ(harness.gauge("rows_seen"), 60);
  EXPECT_EQ(store.all_candidates().size(), 60U);
  EXPECT_EQ(store.get_state(ServiceName::finder, ServiceStateType::cursor).size(), 5U);
}

TEST(Finder, StopRequestedScansNothing) {
  ServiceHarness harness("sqlite::memory:", ServiceName::finder);
  auto& store = harness.store();
  store_events(store, relay_of("wss://archive.example.com"), 0, 3, numbered);
  harness.stop().request_stop();
  Finder finder(events_only(), {}, harness.context());
  finder.run();
  EXPECT_TRUE(store.all_candidates().empty());
}

TEST(Finder, CleanupDropsCursorsOfGoneRelaysAndCheckpointsOfUnlistedSources) {
  ServiceHarness harness("sqlite::memory:", ServiceName::finder);
  auto& store = harness.store();
  store.insert_relays(std::vector{relay_of("wss://kept.example.com")});
  const auto state = [](ServiceStateType type, std::string key) {
    return models::ServiceState::create(ServiceName::finder, type, std::move(key),
                                        boost::json::object{{"timestamp", 5}})
        .value();
  };
  store.upsert_state(std::vector{state(ServiceStateType::cursor, "wss://kept.example.com"),
                                 state(ServiceStateType::cursor, "wss://gone.example.com"),
                                 state(ServiceStateType::checkpoint, "https://listed.example.com/relays"),
                                 state(ServiceStateType::checkpoint, "https://unlisted.example.com/relays")});
  core::FinderConfig config;
  config.api.sources = {core::ApiSource{"https://listed.example.com/relays", false, 30, 10, "[*]", false}};
  Finder finder(config, {}, harness.context());
  EXPECT_EQ(finder.cleanup(), 2U);
  EXPECT_EQ(store.get_state(ServiceName::finder, ServiceStateType::cursor).front().key(),
            "wss://kept.example.com");
  EXPECT_EQ(store.get_state(ServiceName::finder, ServiceStateType::checkpoint).front().key(),
            "https://listed.example.com/relays");
}

}  // namespace
}  // namespace bigbrotr::services
