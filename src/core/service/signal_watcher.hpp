#pragma once

#include <atomic>
#include <csignal>
#include <thread>

#include "core/logging/logger.hpp"
#include "core/service/stop_signal.hpp"

// Turns SIGINT and SIGTERM into a StopSignal request. The signals are blocked in the
// calling thread (and so in every thread it starts afterwards) and received by a
// dedicated thread with sigtimedwait, so no code runs inside a signal handler. A second
// signal after the first ends the process at once (exit 130) for an operator who does
// not want to wait for in-flight work.
//
// Construct it on the main thread before any other thread exists (store pools, the
// metrics exposer, service threads), or those threads could receive the signal instead.
namespace bigbrotr::core {

class SignalWatcher {
 public:
  SignalWatcher(StopSignal& stop, const Logger& logger);
  // Stops the watching thread and restores the previous signal mask.
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

 private:
  void watch();

  StopSignal& stop_;
  const Logger& logger_;
  sigset_t signals_{};
  sigset_t previous_mask_{};
  std::atomic<bool> closing_{false};
  std::thread thread_;
};

}  // namespace bigbrotr::core
