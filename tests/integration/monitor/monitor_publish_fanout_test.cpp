// Publishing goes to `publishing.max_in_flight` relays at a time: with N relays that each
// take a second to answer, a cycle's publishing takes about N / max_in_flight seconds,
// neither N (one after the other) nor one (all at once).
#include <gtest/gtest.h>

#include "integration/monitor/monitor_test_support.hpp"
#include "support/fixture_relay_process.hpp"

namespace bigbrotr::testing {
namespace {

using namespace std::chrono_literals;

constexpr int kTargets = 12;
constexpr int kMaxInFlight = 4;
// Each target answers OK this long after the EVENT.
constexpr int kAnswerDelayMs = 1000;
// kTargets / kMaxInFlight rounds of one answer delay each: 3 s, never less.
constexpr auto kAtLeast = 2800ms;
// One after the other would take 12 s; the margin is for a loaded machine.
constexpr auto kAtMost = 9s;

class PublishFanout : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    slow_ = new FixtureRelayProcess({"--slow-ms", std::to_string(kAnswerDelayMs)});
  }
  static void TearDownTestSuite() {
    delete slow_;
    slow_ = nullptr;
  }

  // kTargets distinct relay URLs, all served by the one slow fixture relay.
  static std::vector<std::string> targets() {
    std::vector<std::string> urls;
    for (int i = 0; i < kTargets; ++i) urls.push_back(slow_->url() + "/target" + std::to_string(i));
    return urls;
  }

  static core::MonitorConfig config_for(const std::vector<std::string>& urls) {
    auto config = local_monitor_config(urls, utils::Keys::generate().reveal_secret_hex());
    config.publishing_max_in_flight = kMaxInFlight;
    config.announcement.enabled = false;
    config.relay_list.enabled = false;
    return config;
  }

  static FixtureRelayProcess* slow_;
};

FixtureRelayProcess* PublishFanout::slow_ = nullptr;

TEST_F(PublishFanout, OwnEventGoesToMaxInFlightRelaysAtATime) {
  ServiceHarness harness("sqlite::memory:", models::ServiceName::monitor);
  auto config = config_for(targets());
  config.discovery.enabled = false;
  services::Monitor monitor(config, harness.context());
  const auto started = std::chrono::steady_clock::now();
  run_cycle(monitor);
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_NE(harness.log().find("accepted=" + std::to_string(kTargets)), std::string::npos) << harness.log();
  EXPECT_GE(took, kAtLeast);
  EXPECT_LT(took, kAtMost);
}

TEST_F(PublishFanout, Kind30166GoesToMaxInFlightRelaysAtATime) {
  FixtureRelayProcess watched;
  ServiceHarness harness("sqlite::memory:", models::ServiceName::monitor);
  harness.store().insert_relays(std::vector<models::Relay>{relay_of(watched.url())});
  auto config = config_for(targets());
  config.profile.enabled = false;
  services::Monitor monitor(config, harness.context());
  const auto started = std::chrono::steady_clock::now();
  run_cycle(monitor);
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(occurrences(harness.log(), "event accepted"), static_cast<std::size_t>(kTargets))
      << harness.log();
  EXPECT_GE(took, kAtLeast);
  EXPECT_LT(took, kAtMost + 5s);  // plus the checks of the watched relay
}

}  // namespace
}  // namespace bigbrotr::testing
