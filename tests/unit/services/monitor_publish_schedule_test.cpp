#include "services/monitor/publish_schedule.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "services/monitor/monitor.hpp"
#include "support/service_test_support.hpp"

namespace bigbrotr::services::monitor {
namespace {

using models::NetworkType;
using models::ServiceName;
using models::ServiceStateType;

std::vector<std::string> checkpoint_keys(core::store::Store& store) {
  std::vector<std::string> keys;
  for (const auto& state : store.get_state(ServiceName::monitor, ServiceStateType::checkpoint)) {
    keys.push_back(state.key());
  }
  return keys;
}

void upsert(core::store::Store& store, std::vector<models::ServiceState> states) {
  store.upsert_state(states);
}

TEST(MonitorPublishSchedule, DueWithoutCheckpointOrAfterTheInterval) {
  EXPECT_TRUE(is_due(std::nullopt, 1000, 86400));
  EXPECT_FALSE(is_due(1000, 1000 + 86399, 86400));
  EXPECT_TRUE(is_due(1000, 1000 + 86400, 86400));
}

TEST(MonitorPublishSchedule, KeepsTheKeysOfEnabledFeaturesOnly) {
  core::MonitorConfig config;
  EXPECT_EQ(kept_checkpoint_keys(config),
            (std::vector<std::string>{"profile", "relay_list", "announcement"}));
  config.relay_list.enabled = false;
  config.profile.enabled = false;
  EXPECT_EQ(kept_checkpoint_keys(config), (std::vector<std::string>{"announcement"}));
}

TEST(MonitorPublishSchedule, CheckpointTimestampRoundTripsThroughSqlite) {
  testing::ServiceHarness harness("sqlite::memory:", ServiceName::monitor);
  EXPECT_FALSE(checkpoint_timestamp(harness.store(), "profile").has_value());
  upsert(harness.store(), {checkpoint("profile", 1700000123)});
  EXPECT_EQ(checkpoint_timestamp(harness.store(), "profile"), 1700000123);
}

TEST(MonitorPublishSchedule, CheckpointWithoutTimestampIsNotAPublish) {
  testing::ServiceHarness harness("sqlite::memory:", ServiceName::monitor);
  boost::json::object value;
  value["note"] = "no timestamp";
  upsert(harness.store(), {models::ServiceState::create(ServiceName::monitor, ServiceStateType::checkpoint,
                                                        "announcement", value)
                               .value()});
  EXPECT_FALSE(checkpoint_timestamp(harness.store(), "announcement").has_value());
}

TEST(MonitorPublishSchedule, ParseTargetsDropsInvalidAndDuplicateUrls) {
  std::ostringstream sink;
  const core::Logger logger("test", core::LogLevel::debug, core::LogFormat::text, sink);
  const auto targets =
      parse_targets({"wss://nos.lol", "not a url", "wss://NOS.lol/", "ws://127.0.0.1:7000"}, false, logger);
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0].url(), "wss://nos.lol");
  EXPECT_NE(sink.str().find("publishing relay dropped"), std::string::npos);
  EXPECT_EQ(parse_targets({"ws://127.0.0.1:7000"}, true, logger).size(), 1u);
}

TEST(MonitorDueRelays, NeverCheckedFirstThenOldestCheckpoint) {
  testing::ServiceHarness harness("sqlite::memory:", ServiceName::monitor);
  auto& store = harness.store();
  const std::vector<models::Relay> relays{
      testing::relay_of("wss://a.example.com", 10), testing::relay_of("wss://b.example.com", 20),
      testing::relay_of("wss://c.example.com", 30), testing::relay_of("wss://d.example.com", 40)};
  store.insert_relays(relays);
  const std::int64_t now = 1700000000;
  // a: checked long ago; b: checked just now (not due); c: never; d: checked a bit ago.
  upsert(store, {checkpoint("wss://a.example.com", now - 50000), checkpoint("wss://b.example.com", now - 10),
                 checkpoint("wss://d.example.com", now - 20000)});
  const NetworkType clearnet[] = {NetworkType::clearnet};
  const auto due = store.due_relays(clearnet, now - 14400, 100);
  ASSERT_EQ(due.size(), 3u);
  EXPECT_EQ(due[0].relay.url(), "wss://c.example.com");
  EXPECT_EQ(due[1].relay.url(), "wss://a.example.com");
  EXPECT_EQ(due[2].relay.url(), "wss://d.example.com");
  EXPECT_EQ(store.due_relays(clearnet, now - 14400, 2).size(), 2u);
}

TEST(MonitorCleanup, RemovesCheckpointsOfGoneRelaysAndDisabledFeatures) {
  testing::ServiceHarness harness("sqlite::memory:", ServiceName::monitor);
  auto& store = harness.store();
  const std::vector<models::Relay> relays{testing::relay_of("wss://kept.example.com")};
  store.insert_relays(relays);
  upsert(store, {checkpoint("wss://kept.example.com", 1), checkpoint("wss://gone.example.com", 1),
                 checkpoint("profile", 1), checkpoint("relay_list", 1), checkpoint("announcement", 1)});
  core::MonitorConfig config;
  config.relay_list.enabled = false;
  Monitor monitor(config, harness.context());
  EXPECT_EQ(monitor.cleanup(), 2u);
  EXPECT_EQ(checkpoint_keys(store),
            (std::vector<std::string>{"announcement", "profile", "wss://kept.example.com"}));
}

TEST(MonitorKeys, OneWarningWithoutKeyAndAnErrorForABadOne) {
  testing::ServiceHarness harness("sqlite::memory:", ServiceName::monitor);
  core::MonitorConfig config;
  Monitor keyless(config, harness.context());
  const std::string log = harness.log();
  const auto first = log.find("no monitor key");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(log.find("no monitor key", first + 1), std::string::npos);
  config.keys.private_key = core::Secret("not a key");
  EXPECT_THROW(Monitor(config, harness.context()), std::invalid_argument);
}

}  // namespace
}  // namespace bigbrotr::services::monitor
