// Many relays in one cycle: 250 distinct relay URLs (ws://127.0.0.1:PORT/rN, one fixture
// relay behind them all, since it serves any path) checked in chunks under the local
// network's limit, each with its kind 30166 sent to a publishing relay. The cycle time is
// printed for the record, never asserted.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>

#include "integration/monitor/monitor_test_support.hpp"
#include "support/fixture_relay_process.hpp"

namespace bigbrotr::testing {
namespace {

constexpr int kRelays = 250;

TEST(MonitorScale, ChecksAndPublishesTwoHundredFiftyRelaysInOneCycle) {
  FixtureRelayProcess watched({"--max-connections", "2000"});
  FixtureRelayProcess target;
  ServiceHarness harness("sqlite::memory:", models::ServiceName::monitor);
  auto& store = harness.store();
  std::vector<models::Relay> relays;
  for (int n = 0; n < kRelays; ++n) relays.push_back(relay_of(watched.url() + "/r" + std::to_string(n)));
  store.insert_relays(relays);
  auto config = local_monitor_config({target.url()}, utils::Keys::generate().reveal_secret_hex());
  config.processing.chunk_size = 100;
  config.networks.local.max_tasks = 50;
  services::Monitor monitor(config, harness.context());

  const auto started = std::chrono::steady_clock::now();
  run_cycle(monitor);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cerr << "monitor cycle of " << kRelays << " relays (3 checks each, 30166 published): " << seconds
            << " s\n";

  EXPECT_EQ(harness.gauge("succeeded"), kRelays);
  EXPECT_EQ(harness.gauge("failed"), 0.0);
  EXPECT_EQ(store.counts().relay_metadata, 3 * kRelays);
  for (const auto& relay : relays) ASSERT_TRUE(has_checkpoint(store, relay.url())) << relay.url();
  const auto latest = latest_results(store);
  std::size_t opened = 0;
  for (const auto& relay : relays) {
    if (logs_of(latest.at({relay.url(), "nip66_rtt"})).at("open_success") == true) ++opened;
  }
  EXPECT_EQ(opened, static_cast<std::size_t>(kRelays));
  EXPECT_EQ(collect_events(target.url(), {30166}).size(), static_cast<std::size_t>(kRelays));
  EXPECT_NE(harness.log().find("checks done in"), std::string::npos);
}

}  // namespace
}  // namespace bigbrotr::testing
