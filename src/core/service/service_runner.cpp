#include "core/service/service_runner.hpp"

#include <cxxabi.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <typeinfo>

namespace bigbrotr::core {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double unix_seconds_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// One cycle (see the header); throws what its steps throw.
void run_cycle(Service& service, store::Store& store, const Logger& logger) {
  store.check_storage();
  const std::size_t removed = service.cleanup();
  if (removed > 0) logger.info("cleanup removed stale rows", {{"rows", removed}});
  service.run();
  // SQLite keeps writing to a deleted file without an error: only this notices.
  store.check_storage();
}

// False when the store can no longer reach its database (Store::check_storage).
bool storage_intact(store::Store& store) {
  try {
    store.check_storage();
    return true;
  } catch (const store::StoreError&) {
    return false;
  }
}

}  // namespace

std::string exception_kind(const std::exception& error) {
  const char* mangled = typeid(error).name();
  int status = 0;
  const std::unique_ptr<char, decltype(&std::free)> demangled(abi::__cxa_demangle(mangled, nullptr, nullptr, &status),
                                                                &std::free);
  std::string name = status == 0 && demangled ? demangled.get() : mangled;
  const auto scope = name.rfind("::");
  if (scope != std::string::npos) name.erase(0, scope + 2);
  return name;
}

int run_once(Service& service, store::Store& store, const Logger& logger) {
  const auto started = Clock::now();
  try {
    run_cycle(service, store, logger);
  } catch (const std::exception& error) {
    logger.error("cycle failed", {{"error", error.what()}, {"kind", exception_kind(error)}});
    return kExitFailure;
  }
  logger.info("cycle done", {{"duration_s", seconds_since(started)}});
  return kExitSuccess;
}

int run_cycles(Service& service, store::Store& store, const BaseServiceConfig& config, const Logger& logger,
               ServiceMetrics& metrics, const StopSignal& stop) {
  const auto interval = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(config.interval));
  int failures = 0;
  logger.info("service started", {{"interval_s", config.interval},
                                  {"max_consecutive_failures", config.max_consecutive_failures}});
  // Alert rules compare last_cycle_timestamp with this, whatever the config says.
  metrics.set_gauge("interval_seconds", config.interval);
  while (!stop.stop_requested()) {
    const auto started = Clock::now();
    try {
      run_cycle(service, store, logger);
      const double duration = seconds_since(started);
      failures = 0;
      metrics.increment_counter("cycles_success");
      metrics.observe_cycle_duration(duration);
      metrics.set_gauge("last_cycle_timestamp", unix_seconds_now());
      metrics.set_gauge("consecutive_failures", 0);
      logger.info("cycle done", {{"duration_s", duration}});
    } catch (const std::exception& error) {
      ++failures;
      const std::string kind = exception_kind(error);
      metrics.increment_counter("cycles_failed");
      metrics.increment_counter("errors_" + kind);
      metrics.set_gauge("consecutive_failures", failures);
      logger.error("cycle failed", {{"error", error.what()}, {"kind", kind}, {"consecutive_failures", failures}});
      // The original exits 0 here and relies on the container's restart policy; a
      // non-zero exit (issue request) lets any supervisor see that the service gave up.
      // This process can never reach that database again: retrying only repeats the error.
      if (!storage_intact(store)) {
        logger.error("the database is no longer reachable, stopping");
        return kExitFailure;
      }
      if (config.max_consecutive_failures > 0 && failures >= config.max_consecutive_failures) {
        logger.error("too many consecutive failures, stopping",
                     {{"max_consecutive_failures", config.max_consecutive_failures}});
        return kExitFailure;
      }
    }
    const auto next_start = started + interval;
    const auto wait = next_start - Clock::now();
    if (wait > Clock::duration::zero()) stop.wait_for(wait);
  }
  logger.info("service stopped");
  return kExitSuccess;
}

}  // namespace bigbrotr::core
