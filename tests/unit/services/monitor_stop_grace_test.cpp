#include "services/monitor/stop_grace.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <stdexcept>
#include <thread>

namespace bigbrotr::services::monitor {
namespace {

using namespace std::chrono_literals;
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

// An operation that sleeps `duration` and then sets `finished`.
asio::awaitable<void> sleep_for(std::chrono::milliseconds duration, bool& finished) {
  asio::steady_timer timer(co_await asio::this_coro::executor, duration);
  co_await timer.async_wait(asio::use_awaitable);
  finished = true;
}

asio::awaitable<void> fail_at_once() {
  co_await asio::this_coro::executor;
  throw std::runtime_error("the operation's own failure");
}

asio::awaitable<bool> bound_sleep(StopGrace& grace, std::chrono::milliseconds duration, bool& finished) {
  auto sleeping = sleep_for(duration, finished);
  co_return co_await grace.bound(std::move(sleeping));
}

bool run_bound(StopGrace& grace, std::chrono::milliseconds duration, bool& finished) {
  asio::io_context io;
  auto done = asio::co_spawn(io, bound_sleep(grace, duration, finished), asio::use_future);
  io.run();
  return done.get();
}

TEST(StopGrace, WithoutStopTheOperationRunsToItsEnd) {
  const core::StopSignal stop;
  StopGrace grace(stop, 100ms);
  bool finished = false;
  const auto started = Clock::now();
  EXPECT_TRUE(run_bound(grace, 400ms, finished));
  EXPECT_TRUE(finished);
  EXPECT_GE(Clock::now() - started, 400ms);
  EXPECT_FALSE(grace.over());
}

TEST(StopGrace, AHangingOperationIsCancelledTheGraceAfterAStop) {
  core::StopSignal stop;
  StopGrace grace(stop, 500ms);
  std::thread stopper([&stop] {
    std::this_thread::sleep_for(200ms);
    stop.request_stop();
  });
  bool finished = false;
  const auto started = Clock::now();
  EXPECT_FALSE(run_bound(grace, 60s, finished));
  const auto took = Clock::now() - started;
  stopper.join();
  EXPECT_FALSE(finished);
  EXPECT_GE(took, 700ms);  // the stop after 200 ms, then the whole grace
  EXPECT_LT(took, 8s);     // not the operation's 60 s
  EXPECT_TRUE(grace.over());
}

TEST(StopGrace, AnOperationEndingWithinTheGraceFinishes) {
  core::StopSignal stop;
  stop.request_stop();
  StopGrace grace(stop, 5s);
  bool finished = false;
  EXPECT_TRUE(run_bound(grace, 100ms, finished));
  EXPECT_TRUE(finished);
  EXPECT_FALSE(grace.over());
}

TEST(StopGrace, OverOnlyOnceTheGraceHasPassed) {
  core::StopSignal stop;
  StopGrace grace(stop, 300ms);
  EXPECT_FALSE(grace.over());
  stop.request_stop();
  EXPECT_FALSE(grace.over());  // this look starts the grace
  std::this_thread::sleep_for(400ms);
  EXPECT_TRUE(grace.over());
}

TEST(StopGrace, TheOperationsOwnExceptionPropagates) {
  const core::StopSignal stop;
  StopGrace grace(stop, 100ms);
  asio::io_context io;
  auto done = asio::co_spawn(io, grace.bound(fail_at_once()), asio::use_future);
  io.run();
  EXPECT_THROW(done.get(), std::runtime_error);
}

}  // namespace
}  // namespace bigbrotr::services::monitor
