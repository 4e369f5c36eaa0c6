#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

// The shutdown request shared by the runtime and the services: once requested, services
// take no new work, let in-flight batches commit and return; waits end at once.
namespace bigbrotr::core {

class StopSignal {
 public:
  // Thread-safe; not async-signal-safe (the runtime calls it from a signal-waiting
  // thread, never from a handler).
  void request_stop();
  bool stop_requested() const noexcept { return stopped_.load(std::memory_order_acquire); }
  // Sleeps up to `duration`; returns true (early) when a stop is or gets requested.
  bool wait_for(std::chrono::steady_clock::duration duration) const;

 private:
  std::atomic<bool> stopped_{false};
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
};

}  // namespace bigbrotr::core
