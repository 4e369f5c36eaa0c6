#include "services/monitor/relay_checker.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <thread>

namespace bigbrotr::services::monitor {
namespace {

using namespace std::chrono_literals;

bool pause(std::chrono::milliseconds duration, const core::StopSignal& stop) {
  boost::asio::io_context io;
  auto done = boost::asio::co_spawn(io, pause_unless_stopped(duration, stop), boost::asio::use_future);
  io.run();
  return done.get();
}

TEST(MonitorPause, SleepsTheWholeDurationWithoutStop) {
  const core::StopSignal stop;
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(pause(250ms, stop));
  EXPECT_GE(std::chrono::steady_clock::now() - started, 250ms);
}

TEST(MonitorPause, ReturnsAtOnceWhenAlreadyStopped) {
  core::StopSignal stop;
  stop.request_stop();
  const auto started = std::chrono::steady_clock::now();
  EXPECT_FALSE(pause(60s, stop));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
}

TEST(MonitorPause, AStopDuringThePauseEndsItEarly) {
  core::StopSignal stop;
  std::thread stopper([&] {
    std::this_thread::sleep_for(200ms);
    stop.request_stop();
  });
  const auto started = std::chrono::steady_clock::now();
  EXPECT_FALSE(pause(60s, stop));
  stopper.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
}

TEST(MonitorPause, ZeroDurationReturnsTrue) {
  const core::StopSignal stop;
  EXPECT_TRUE(pause(0ms, stop));
}

}  // namespace
}  // namespace bigbrotr::services::monitor
