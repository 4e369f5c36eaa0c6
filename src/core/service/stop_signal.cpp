#include "core/service/stop_signal.hpp"

namespace bigbrotr::core {

void StopSignal::request_stop() {
  {
    std::lock_guard lock(mutex_);
    stopped_.store(true, std::memory_order_release);
  }
  changed_.notify_all();
}

bool StopSignal::wait_for(std::chrono::steady_clock::duration duration) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, duration, [this] { return stop_requested(); });
}

}  // namespace bigbrotr::core
