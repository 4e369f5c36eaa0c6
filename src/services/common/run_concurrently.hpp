#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/this_coro.hpp>

#include <algorithm>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "services/common/bounded_queue.hpp"

// The concurrency helper of services.md §0.5, with back-pressure: run a worker over many
// items with a bounded number in flight, and consume what the workers produce, in
// arrival order, on the caller's coroutine (where it can flush batches and update
// metrics progressively). Unlike the original, no task is created per item up front:
// `max_in_flight` lanes take the next item when they finish one, and a full result queue
// makes workers wait.
//
// Threading: everything runs on the caller's executor, which must be single-threaded (an
// io_context run by one thread). Blocking work inside a worker goes through
// run_blocking (blocking_call.hpp).
namespace bigbrotr::services {

struct ConcurrencyBounds {
  std::size_t max_in_flight = 1;  // items being worked on at once (≥ 1)
  std::size_t max_buffered = 1;   // results queued before workers wait (≥ 1)
};

struct ConcurrentRunStats {
  std::size_t started = 0;      // items a worker was run for
  std::size_t failed = 0;       // of those, workers that threw
  std::size_t not_started = 0;  // items skipped because should_start() said no
};

// Hands a worker's results to the consumer. `co_await emit(result)` waits while the queue
// is full and returns false when the consumer has gone (it threw): the worker should stop.
template <class Output>
class Emitter {
 public:
  explicit Emitter(BoundedQueue<Output>& queue) noexcept : queue_(&queue) {}
  boost::asio::awaitable<bool> operator()(Output output) { return queue_->push(std::move(output)); }

 private:
  BoundedQueue<Output>* queue_;
};

template <class Item, class Output>
struct ConcurrentJob {
  std::vector<Item> items;
  ConcurrencyBounds bounds;
  // Produces 0..n results for one item through the emitter. Exceptions are caught,
  // counted in `failed` and reported to on_failure; they never end the run.
  std::function<boost::asio::awaitable<void>(const Item&, Emitter<Output>&)> worker;
  // Called on the caller's coroutine for each result. An exception ends the run: no new
  // item starts, running workers see emit() return false, and the exception propagates.
  std::function<void(Output&&)> consume;
  // Asked before each item starts (shutdown, phase deadline); false skips the rest.
  std::function<bool()> should_start = [] { return true; };
  std::function<void(const Item&, std::string_view what)> on_failure = [](const Item&, std::string_view) {};
};

namespace detail {

template <class Item, class Output>
struct ConcurrentRun {
  ConcurrentRun(const boost::asio::any_io_executor& executor, ConcurrentJob<Item, Output> job_)
      : job(std::move(job_)), queue(executor, job.bounds.max_buffered) {}

  ConcurrentJob<Item, Output> job;
  BoundedQueue<Output> queue;
  std::size_t next = 0;
  std::size_t active_lanes = 0;
  ConcurrentRunStats stats;
};

template <class Item, class Output>
boost::asio::awaitable<void> run_lane(std::shared_ptr<ConcurrentRun<Item, Output>> run) {
  Emitter<Output> emit(run->queue);
  while (run->next < run->job.items.size() && !run->queue.closed() && run->job.should_start()) {
    const Item& item = run->job.items[run->next++];
    ++run->stats.started;
    std::string failure;
    try {
      co_await run->job.worker(item, emit);
    } catch (const std::exception& error) {
      failure = error.what();
      if (failure.empty()) failure = "exception";
    } catch (...) {
      failure = "unknown exception";
    }
    if (!failure.empty()) {
      ++run->stats.failed;
      run->job.on_failure(item, failure);
    }
  }
  if (--run->active_lanes == 0) {
    run->stats.not_started = run->job.items.size() - run->stats.started;
    run->queue.close();
  }
}

}  // namespace detail

// Runs `job` to completion on the calling coroutine's executor and returns its counts.
template <class Item, class Output>
boost::asio::awaitable<ConcurrentRunStats> run_concurrently(ConcurrentJob<Item, Output> job) {
  const auto executor = co_await boost::asio::this_coro::executor;
  auto run = std::make_shared<detail::ConcurrentRun<Item, Output>>(executor, std::move(job));
  const std::size_t lanes =
      std::min(std::max<std::size_t>(run->job.bounds.max_in_flight, 1), run->job.items.size());
  if (lanes == 0) co_return run->stats;
  run->active_lanes = lanes;
  for (std::size_t lane = 0; lane < lanes; ++lane) {
    boost::asio::co_spawn(executor, detail::run_lane(run), boost::asio::detached);
  }
  std::exception_ptr consumer_failure;
  while (true) {
    auto output = co_await run->queue.pop();
    if (!output) break;
    try {
      run->job.consume(std::move(*output));
    } catch (...) {
      consumer_failure = std::current_exception();
      break;
    }
  }
  if (consumer_failure) {
    // The lanes hold `run` and wind down on their own: closed queue, no new items.
    run->queue.close();
    std::rethrow_exception(consumer_failure);
  }
  co_return run->stats;
}

}  // namespace bigbrotr::services
