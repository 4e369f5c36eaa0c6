#include "core/service/signal_watcher.hpp"

#include <pthread.h>

#include <cstdlib>
#include <ctime>

namespace bigbrotr::core {
namespace {

// How often the watching thread checks whether it should end; bounds the destructor.
constexpr timespec kPollInterval{0, 100'000'000};

const char* signal_name(int signal_number) { return signal_number == SIGINT ? "SIGINT" : "SIGTERM"; }

}  // namespace

SignalWatcher::SignalWatcher(StopSignal& stop, const Logger& logger) : stop_(stop), logger_(logger) {
  sigemptyset(&signals_);
  sigaddset(&signals_, SIGINT);
  sigaddset(&signals_, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals_, &previous_mask_);
  thread_ = std::thread([this] { watch(); });
}

SignalWatcher::~SignalWatcher() {
  closing_.store(true);
  thread_.join();
  pthread_sigmask(SIG_SETMASK, &previous_mask_, nullptr);
}

void SignalWatcher::watch() {
  while (!closing_.load()) {
    const int received = sigtimedwait(&signals_, nullptr, &kPollInterval);
    if (received < 0) continue;  // EAGAIN (timeout) or EINTR
    if (stop_.stop_requested()) {
      logger_.warning("second signal, exiting without waiting", {{"signal", signal_name(received)}});
      std::_Exit(128 + SIGINT);
    }
    logger_.info("stop requested, finishing in-flight work", {{"signal", signal_name(received)}});
    stop_.request_stop();
  }
}

}  // namespace bigbrotr::core
