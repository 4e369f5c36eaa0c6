// Shutdown during a retry pause: the relay being retried gives no result and gets no
// checkpoint (it is checked again next cycle), and the cycle returns promptly.
#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>

#include <thread>

#include "integration/monitor/monitor_test_support.hpp"
#include "integration/services/service_backends.hpp"
#include "services/monitor/check_selection.hpp"
#include "services/monitor/relay_checker.hpp"

namespace bigbrotr::testing {
namespace {

using namespace std::chrono_literals;

// A dead port whose checks fail at once, with retries that pause 10 s.
core::MonitorConfig slow_retry_config() {
  auto config = local_monitor_config({}, "");
  for (const auto type : {models::MetadataType::nip11_info, models::MetadataType::nip66_rtt}) {
    config.processing.retries[type].max_attempts = 3;
    config.processing.retries[type].initial_delay = 10.0;
    config.processing.retries[type].max_delay = 10.0;
  }
  return config;
}

std::thread stop_after(core::StopSignal& stop, std::chrono::milliseconds delay) {
  return std::thread([&stop, delay] {
    std::this_thread::sleep_for(delay);
    stop.request_stop();
  });
}

TEST(MonitorShutdown, StopDuringARetryPauseYieldsNoReport) {
  const auto config = slow_retry_config();
  core::StopSignal stop;
  services::monitor::JitterSource jitter;
  boost::asio::thread_pool pool(1);
  const services::monitor::RelayCheckPlan plan{services::monitor::computed_types(config),
                                               &config.processing.retries, &stop, &jitter, &pool};
  nips::RelayCheckOptions options;
  options.transport.allow_local = true;
  options.timeout = 2s;
  auto stopper = stop_after(stop, 500ms);
  const auto started = std::chrono::steady_clock::now();
  boost::asio::io_context io;
  auto done =
      boost::asio::co_spawn(io, services::monitor::check_relay(relay_of(dead_loopback_url()), options, plan),
                            boost::asio::use_future);
  io.run();
  stopper.join();
  pool.join();
  EXPECT_FALSE(done.get().has_value());
  EXPECT_LT(std::chrono::steady_clock::now() - started, 8s);
}

TEST(MonitorShutdown, RelayStoppedMidRetryIsNotCheckpointed) {
  ServiceHarness harness("sqlite::memory:", models::ServiceName::monitor);
  const std::string dead = dead_loopback_url();
  const std::vector<models::Relay> relays{relay_of(dead)};
  harness.store().insert_relays(relays);
  services::Monitor monitor(slow_retry_config(), harness.context());
  auto stopper = stop_after(harness.stop(), 500ms);
  const auto started = std::chrono::steady_clock::now();
  run_cycle(monitor);
  stopper.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 8s);
  EXPECT_FALSE(has_checkpoint(harness.store(), dead));
  EXPECT_EQ(harness.store().counts().relay_metadata, 0);
}

}  // namespace
}  // namespace bigbrotr::testing
