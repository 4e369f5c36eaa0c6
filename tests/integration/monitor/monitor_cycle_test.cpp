// One monitor cycle end to end against loopback relays: our fixture relay (serving a
// NIP-11 document), the npm relay (a relay we did not write), a dead port, and one more
// fixture relay that receives what the monitor publishes; on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>

#include "integration/monitor/monitor_test_support.hpp"
#include "integration/services/service_backends.hpp"
#include "support/fixture_relay_process.hpp"
#include "support/nostr_tools_verdicts.hpp"
#include "support/npm_relay_process.hpp"

namespace bigbrotr::testing {
namespace {

const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new PostgresServerEnvironment);

constexpr const char* kNip11Document =
    R"({"name":"fixture under watch","description":"monitored in a test","software":"fixture",)"
    R"("supported_nips":[1,11,50],"limitation":{"auth_required":false,"payment_required":false}})";

class MonitorCycleFlow : public ::testing::TestWithParam<ServiceBackend> {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new ScratchDir();
    watched_ = new FixtureRelayProcess({"--nip11", scratch_->write("nip11.json", kNip11Document)});
    if (NpmRelayProcess::available()) npm_ = new NpmRelayProcess();
  }
  static void TearDownTestSuite() {
    delete watched_;
    delete npm_;
    delete scratch_;
    watched_ = nullptr;
    npm_ = nullptr;
    scratch_ = nullptr;
  }

  // The monitored URLs: the live relays and a dead port.
  std::vector<std::string> monitored(const std::string& dead) const {
    std::vector<std::string> urls{watched_->url(), dead};
    if (npm_ != nullptr) urls.push_back(npm_->url());
    return urls;
  }

  static void add_relays(core::store::Store& store, const std::vector<std::string>& urls) {
    std::vector<models::Relay> relays;
    for (const auto& url : urls) relays.push_back(relay_of(url));
    store.insert_relays(relays);
  }

  static ScratchDir* scratch_;
  static FixtureRelayProcess* watched_;
  static NpmRelayProcess* npm_;
};

ScratchDir* MonitorCycleFlow::scratch_ = nullptr;
FixtureRelayProcess* MonitorCycleFlow::watched_ = nullptr;
NpmRelayProcess* MonitorCycleFlow::npm_ = nullptr;

TEST_P(MonitorCycleFlow, StoresEveryRelaysChecksAndPublishesNip66Events) {
  if (npm_ == nullptr)
    std::cerr << "npm relay not installed (`npm ci` in tests/peers): fixture relays only\n";
  FixtureRelayProcess target;
  auto harness = harness_on(GetParam(), models::ServiceName::monitor);
  auto& store = harness->store();
  const std::string dead = dead_loopback_url();
  const auto urls = monitored(dead);
  add_relays(store, urls);
  const utils::Keys keys = utils::Keys::generate();
  services::Monitor monitor(local_monitor_config({target.url()}, keys.reveal_secret_hex()),
                            harness->context());

  run_cycle(monitor);

  const auto latest = latest_results(store);
  for (const auto& url : urls) {
    for (const char* type : {"nip11_info", "nip66_rtt", "nip66_http"}) {
      EXPECT_TRUE(latest.contains({url, type})) << url << " " << type;
    }
    EXPECT_TRUE(has_checkpoint(store, url)) << url;
  }
  EXPECT_EQ(logs_of(latest.at({watched_->url(), "nip11_info"})).at("success"), true);
  EXPECT_EQ(latest.at({watched_->url(), "nip11_info"}).at("data").at("name"), "fixture under watch");
  EXPECT_EQ(logs_of(latest.at({watched_->url(), "nip66_rtt"})).at("open_success"), true);
  if (npm_ != nullptr) {
    EXPECT_EQ(logs_of(latest.at({npm_->url(), "nip66_rtt"})).at("open_success"), true);
  }
  // The dead port: every check ran (the retry too) and failed; the failures are stored.
  EXPECT_EQ(logs_of(latest.at({dead, "nip11_info"})).at("success"), false);
  EXPECT_EQ(logs_of(latest.at({dead, "nip66_rtt"})).at("open_success"), false);
  EXPECT_EQ(harness->gauge("total"), static_cast<double>(urls.size()));
  EXPECT_EQ(harness->gauge("checked"), static_cast<double>(urls.size()));
  // The dead port is checked but down: not succeeded (docs/status.md).
  EXPECT_EQ(harness->gauge("succeeded"), static_cast<double>(urls.size() - 1));
  EXPECT_EQ(harness->gauge("status_up"), static_cast<double>(urls.size() - 1));
  EXPECT_EQ(harness->gauge("status_down"), 1.0);
  EXPECT_EQ(harness->counter("status_down_refused"), 1.0);
  EXPECT_EQ(harness->gauge("failed"), 0.0);
  for (const auto& url : urls) {
    const auto history = store.relay_status_history(url, 0, models::unix_now() + 1, 10);
    ASSERT_EQ(history.size(), 1u) << url;
    EXPECT_EQ(history[0].verdict.status, url == dead ? models::RelayStatus::down : models::RelayStatus::up)
        << url << " " << history[0].verdict.message;
    if (url != dead) {
      EXPECT_TRUE(history[0].rtt_open.has_value()) << url;
    }
  }

  // No 30166 for the relay that is down.
  const auto discovery = collect_events(target.url(), {30166});
  ASSERT_EQ(discovery.size(), urls.size() - 1);
  std::vector<std::string> described;
  for (const auto& event : discovery) {
    described.push_back(d_tag(event));
    EXPECT_EQ(event.pubkey_hex(), keys.public_key_hex());
  }
  std::ranges::sort(described);
  auto expected = urls;
  std::erase(expected, dead);
  std::ranges::sort(expected);
  EXPECT_EQ(described, expected);
  EXPECT_EQ(collect_events(target.url(), {10166}).size(), 1u);
  EXPECT_EQ(collect_events(target.url(), {0}).size(), 1u);
  EXPECT_EQ(collect_events(target.url(), {10002}).size(), 1u);
  for (const char* key : {"profile", "relay_list", "announcement"})
    EXPECT_TRUE(has_checkpoint(store, key)) << key;

  if (nostr_tools_installed()) {
    auto everything = collect_events(target.url(), {0, 10002, 10166, 30166});
    const auto verdicts = nostr_tools_verdicts(everything);
    EXPECT_EQ(verdicts, std::vector<std::string>(everything.size(), "ok"));
  } else {
    std::cerr << "nostr-tools not installed (`npm ci` in tests/peers): signatures not cross-checked\n";
  }

  // A second cycle within every interval: no relay is due and nothing is published.
  const std::size_t published_before = occurrences(harness->log(), "event published");
  EXPECT_EQ(published_before, 3u);
  run_cycle(monitor);
  EXPECT_EQ(occurrences(harness->log(), "event published"), published_before);
  EXPECT_NE(harness->log().find("checks started due=0"), std::string::npos);
  EXPECT_EQ(harness->gauge("total"), 0.0);
}

TEST_P(MonitorCycleFlow, WithoutKeyChecksAreStoredAndNothingIsPublished) {
  FixtureRelayProcess target;
  auto harness = harness_on(GetParam(), models::ServiceName::monitor);
  auto& store = harness->store();
  const std::string dead = dead_loopback_url();
  const auto urls = monitored(dead);
  add_relays(store, urls);
  services::Monitor monitor(local_monitor_config({target.url()}, ""), harness->context());

  run_cycle(monitor);
  run_cycle(monitor);

  const auto latest = latest_results(store);
  for (const auto& url : urls) {
    EXPECT_TRUE(latest.contains({url, "nip11_info"})) << url;
    EXPECT_TRUE(latest.contains({url, "nip66_rtt"})) << url;
    EXPECT_TRUE(has_checkpoint(store, url)) << url;
  }
  // The rtt write probe still ran, signed with an ephemeral key of the monitor's own.
  const auto rtt = logs_of(latest.at({watched_->url(), "nip66_rtt"}));
  ASSERT_TRUE(rtt.contains("write_success")) << boost::json::serialize(rtt);
  EXPECT_TRUE(rtt.at("write_success").as_bool()) << boost::json::serialize(rtt);
  EXPECT_TRUE(collect_events(target.url(), {0, 10002, 10166, 30166}).empty());
  EXPECT_EQ(occurrences(harness->log(), "no monitor key"), 1u);
  EXPECT_FALSE(has_checkpoint(store, "announcement"));
}

TEST_P(MonitorCycleFlow, UnreachablePublishingRelayWritesNoPublishCheckpoint) {
  auto harness = harness_on(GetParam(), models::ServiceName::monitor);
  auto& store = harness->store();
  add_relays(store, {watched_->url()});
  const std::string nowhere = dead_loopback_url();
  services::Monitor monitor(local_monitor_config({nowhere}, utils::Keys::generate().reveal_secret_hex()),
                            harness->context());

  run_cycle(monitor);

  EXPECT_TRUE(has_checkpoint(store, watched_->url()));
  for (const char* key : {"profile", "relay_list", "announcement"})
    EXPECT_FALSE(has_checkpoint(store, key)) << key;
  // The unreachable relay is tried once in the cycle and reported once.
  EXPECT_EQ(occurrences(harness->log(), "publishing relay unreachable this cycle"), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, MonitorCycleFlow,
                         ::testing::Values(ServiceBackend::sqlite, ServiceBackend::postgresql), backend_name);

}  // namespace
}  // namespace bigbrotr::testing
