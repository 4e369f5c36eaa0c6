#include "services/common/run_concurrently.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <chrono>
#include <stdexcept>
#include <vector>

#include "services/common/blocking_call.hpp"

namespace bigbrotr::services {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

asio::awaitable<void> sleep_for(std::chrono::milliseconds duration) {
  asio::steady_timer timer(co_await asio::this_coro::executor, duration);
  co_await timer.async_wait(asio::use_awaitable);
}

// Runs `job` on a fresh io_context and returns its stats (rethrowing what it threw).
ConcurrentRunStats run_job(ConcurrentJob<int, int> job) {
  asio::io_context io;
  auto done = asio::co_spawn(io, run_concurrently(std::move(job)), asio::use_future);
  io.run_for(30s);
  return done.get();
}

std::vector<int> numbers(int count) {
  std::vector<int> items;
  for (int value = 0; value < count; ++value) items.push_back(value);
  return items;
}

TEST(RunConcurrently, BoundsWorkInFlightAndDeliversEveryResult) {
  int in_flight = 0;
  int most_in_flight = 0;
  std::vector<int> results;
  ConcurrentJob<int, int> job;
  job.items = numbers(40);
  job.bounds = ConcurrencyBounds{5, 3};
  job.worker = [&](const int& item, Emitter<int>& emit) -> asio::awaitable<void> {
    most_in_flight = std::max(most_in_flight, ++in_flight);
    co_await sleep_for(std::chrono::milliseconds(1 + item % 3));
    --in_flight;
    co_await emit(item);
    co_await emit(item + 1000);
  };
  job.consume = [&](int&& value) { results.push_back(value); };
  const ConcurrentRunStats stats = run_job(std::move(job));
  EXPECT_EQ(stats.started, 40U);
  EXPECT_EQ(stats.failed, 0U);
  EXPECT_EQ(results.size(), 80U);
  EXPECT_LE(most_in_flight, 5);
  EXPECT_GE(most_in_flight, 2);
}

TEST(RunConcurrently, ResultsArriveInCompletionOrder) {
  std::vector<int> results;
  ConcurrentJob<int, int> job;
  job.items = {30, 1, 15};
  job.bounds = ConcurrencyBounds{3, 3};
  job.worker = [&](const int& item, Emitter<int>& emit) -> asio::awaitable<void> {
    co_await sleep_for(std::chrono::milliseconds(item * 5));
    co_await emit(item);
  };
  job.consume = [&](int&& value) { results.push_back(value); };
  run_job(std::move(job));
  EXPECT_EQ(results, (std::vector<int>{1, 15, 30}));
}

TEST(RunConcurrently, FullQueueMakesWorkersWait) {
  // A slow consumer (it blocks the thread) with a queue of 2: producers must wait, so
  // the queue never holds more than 2 results.
  std::size_t most_buffered = 0;
  int produced = 0;
  int consumed = 0;
  ConcurrentJob<int, int> job;
  job.items = numbers(4);
  job.bounds = ConcurrencyBounds{4, 2};
  job.worker = [&](const int&, Emitter<int>& emit) -> asio::awaitable<void> {
    for (int round = 0; round < 10; ++round) {
      co_await emit(round);
      ++produced;
      most_buffered = std::max<std::size_t>(most_buffered, static_cast<std::size_t>(produced - consumed));
    }
  };
  job.consume = [&](int&&) { ++consumed; };
  run_job(std::move(job));
  EXPECT_EQ(consumed, 40);
  EXPECT_LE(most_buffered, 2U + 1U);  // the queue plus the one being handed over
}

TEST(RunConcurrently, WorkerExceptionsAreCountedNotFatal) {
  std::vector<int> failed;
  int results = 0;
  ConcurrentJob<int, int> job;
  job.items = numbers(6);
  job.bounds = ConcurrencyBounds{2, 2};
  job.worker = [&](const int& item, Emitter<int>& emit) -> asio::awaitable<void> {
    if (item % 2 == 0) throw std::runtime_error("boom");
    co_await emit(item);
  };
  job.consume = [&](int&&) { ++results; };
  job.on_failure = [&](const int& item, std::string_view what) {
    EXPECT_EQ(what, "boom");
    failed.push_back(item);
  };
  const ConcurrentRunStats stats = run_job(std::move(job));
  EXPECT_EQ(stats.failed, 3U);
  EXPECT_EQ(failed, (std::vector<int>{0, 2, 4}));
  EXPECT_EQ(results, 3);
}

TEST(RunConcurrently, ShouldStartStopsNewItems) {
  int started = 0;
  ConcurrentJob<int, int> job;
  job.items = numbers(10);
  job.bounds = ConcurrencyBounds{1, 1};
  job.worker = [&](const int&, Emitter<int>&) -> asio::awaitable<void> {
    ++started;
    co_return;
  };
  job.consume = [](int&&) {};
  job.should_start = [&] { return started < 4; };
  const ConcurrentRunStats stats = run_job(std::move(job));
  EXPECT_EQ(stats.started, 4U);
  EXPECT_EQ(stats.not_started, 6U);
}

TEST(RunConcurrently, ConsumerExceptionEndsTheRunAndWorkersWindDown) {
  int emits_refused = 0;
  ConcurrentJob<int, int> job;
  job.items = numbers(50);
  job.bounds = ConcurrencyBounds{4, 1};
  job.worker = [&](const int& item, Emitter<int>& emit) -> asio::awaitable<void> {
    co_await sleep_for(1ms);
    if (!co_await emit(item)) ++emits_refused;
  };
  job.consume = [](int&& value) {
    if (value == 3) throw std::runtime_error("database down");
  };
  EXPECT_THROW(run_job(std::move(job)), std::runtime_error);
  EXPECT_GE(emits_refused, 0);
}

TEST(RunConcurrently, NoItemsIsAnEmptyRun) {
  ConcurrentJob<int, int> job;
  job.worker = [](const int&, Emitter<int>&) -> asio::awaitable<void> { co_return; };
  job.consume = [](int&&) {};
  EXPECT_EQ(run_job(std::move(job)).started, 0U);
}

TEST(RunBlocking, RunsOnThePoolAndResumesOnTheCaller) {
  asio::io_context io;
  asio::thread_pool pool(2);
  const auto caller = std::this_thread::get_id();
  std::thread::id worker_thread;
  bool resumed_on_caller = false;
  auto task = [&]() -> asio::awaitable<int> {
    const int value = co_await run_blocking(pool, [&] {
      worker_thread = std::this_thread::get_id();
      return 42;
    });
    resumed_on_caller = std::this_thread::get_id() == caller;
    co_return value;
  };
  auto done = asio::co_spawn(io, task(), asio::use_future);
  io.run_for(10s);
  EXPECT_EQ(done.get(), 42);
  EXPECT_TRUE(worker_thread != caller);
  EXPECT_TRUE(resumed_on_caller);
  pool.join();
}

TEST(RunBlocking, RethrowsInTheCaller) {
  asio::io_context io;
  asio::thread_pool pool(1);
  auto task = [&]() -> asio::awaitable<int> {
    co_return co_await run_blocking(pool, []() -> int { throw std::runtime_error("query failed"); });
  };
  auto done = asio::co_spawn(io, task(), asio::use_future);
  io.run_for(10s);
  EXPECT_THROW(done.get(), std::runtime_error);
  pool.join();
}

}  // namespace
}  // namespace bigbrotr::services
