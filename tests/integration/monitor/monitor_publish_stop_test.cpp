// A stop request while the monitor publishes to relays that take the TCP connection and
// never answer: no new connection starts, the sends in flight get a short grace, and the
// cycle (or the whole `bigbrotr monitor` process on SIGTERM) ends within seconds instead
// of one network timeout per publishing relay.
#include <gtest/gtest.h>

#include <signal.h>

#include <memory>
#include <thread>

#include "integration/monitor/monitor_test_support.hpp"
#include "integration/runtime/runtime_test_support.hpp"
#include "support/background_process.hpp"
#include "support/fixture_relay_process.hpp"
#include "support/silent_listener.hpp"

namespace bigbrotr::testing {
namespace {

using namespace std::chrono_literals;

constexpr std::size_t kSilentRelays = 6;
// Far longer than the bound below, so a monitor that waits out one timeout per relay (or
// even one in all) fails the test.
constexpr double kSilentTimeoutSeconds = 20.0;
// From the stop request to the end: the 2 s grace plus a generous margin for a sanitized
// build on a loaded machine.
constexpr auto kStopBound = 8s;

std::vector<std::unique_ptr<SilentLoopbackListener>> silent_relays() {
  std::vector<std::unique_ptr<SilentLoopbackListener>> relays;
  for (std::size_t i = 0; i < kSilentRelays; ++i)
    relays.push_back(std::make_unique<SilentLoopbackListener>());
  return relays;
}

std::vector<std::string> urls_of(const std::vector<std::unique_ptr<SilentLoopbackListener>>& relays) {
  std::vector<std::string> urls;
  for (const auto& relay : relays) urls.push_back(relay->url());
  return urls;
}

std::string yaml_list(const std::vector<std::string>& urls) {
  std::string text;
  for (const auto& url : urls) text += "    - " + url + "\n";
  return text;
}

TEST(MonitorPublishStop, SigtermWhilePublishingToSilentRelaysExitsZeroWithinSeconds) {
  const auto silent = silent_relays();
  TempFolder folder;
  init_database(folder.sqlite_url());
  folder.write("config/services/monitor.yaml",
               "interval: 60\n"
               "networks:\n"
               "  local: {enabled: true, timeout: 10.0}\n"
               "processing:\n"
               "  compute: {nip66_geo: false, nip66_net: false}\n"
               "  store: {nip66_geo: false, nip66_net: false}\n"
               "discovery: {include: {nip66_geo: false, nip66_net: false}}\n"
               "announcement: {include: {nip66_geo: false, nip66_net: false}}\n"
               "publishing:\n"
               "  relays:\n" +
                   yaml_list(urls_of(silent)));
  const std::string key = "NOSTR_PRIVATE_KEY=" + utils::Keys::generate().reveal_secret_hex();
  auto monitor = start_bigbrotr({"monitor", "--allow-local", "--config", (folder.path() / "config").string(),
                                 "--db", folder.sqlite_url()},
                                folder.path(), {key});
  ASSERT_TRUE(monitor->wait_for_log("service started", 60s)) << monitor->err();
  // Long enough for the first connections to be in their handshakes.
  std::this_thread::sleep_for(1500ms);
  const auto signalled = std::chrono::steady_clock::now();
  monitor->signal(SIGTERM);
  const auto exit_code = monitor->wait_exit(kStopBound);
  const auto took = std::chrono::steady_clock::now() - signalled;
  ASSERT_TRUE(exit_code) << "still running " << kStopBound.count() << " s after SIGTERM:\n" << monitor->err();
  EXPECT_EQ(*exit_code, 0) << monitor->err();
  EXPECT_LT(took, kStopBound);
  EXPECT_NE(monitor->err().find("service stopped"), std::string::npos) << monitor->err();
}

TEST(MonitorPublishStop, StopWhileSendingKind30166ToSilentRelaysEndsTheCycleWithinSeconds) {
  const auto silent = silent_relays();
  FixtureRelayProcess watched;
  ServiceHarness harness("sqlite::memory:", models::ServiceName::monitor);
  harness.store().insert_relays(std::vector<models::Relay>{relay_of(watched.url())});
  auto config = local_monitor_config(urls_of(silent), utils::Keys::generate().reveal_secret_hex());
  config.networks.local.timeout = kSilentTimeoutSeconds;
  config.profile.enabled = false;
  config.relay_list.enabled = false;
  config.announcement.enabled = false;
  services::Monitor monitor(config, harness.context());
  std::thread stopper([&harness] {
    std::this_thread::sleep_for(3s);  // the check is done, the 30166 sends hang
    harness.stop().request_stop();
  });
  const auto started = std::chrono::steady_clock::now();
  run_cycle(monitor);
  const auto took = std::chrono::steady_clock::now() - started;
  stopper.join();
  EXPECT_LT(took, 3s + kStopBound);
  // The relay was checked before the stop: its results and checkpoint are kept.
  EXPECT_TRUE(has_checkpoint(harness.store(), relay_of(watched.url()).url()));
}

}  // namespace
}  // namespace bigbrotr::testing
