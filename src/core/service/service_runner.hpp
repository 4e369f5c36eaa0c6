#pragma once

#include "core/config/service_config.hpp"
#include "core/logging/logger.hpp"
#include "core/service/service.hpp"
#include "core/service/service_metrics.hpp"
#include "core/service/stop_signal.hpp"
#include "core/store/store.hpp"

// The cycle loop every service runs under (services.md §0.2).
namespace bigbrotr::core {

// Process exit codes of `bigbrotr <service>` besides 2 (configuration error, main()).
inline constexpr int kExitSuccess = 0;
// A --once cycle threw, or the loop ended after max_consecutive_failures failed cycles.
inline constexpr int kExitFailure = 1;

// A cycle is store.check_storage(), cleanup(), run(), then store.check_storage() again:
// it succeeds only when what it wrote still reaches the database (a SQLite file deleted
// mid-cycle fails the cycle, naming the path). `store` is the one the service writes to.

// One cycle, for --once. Returns kExitSuccess, or kExitFailure when any step threw (the
// error is logged). Records no metrics: one-shot runs serve none.
int run_once(Service& service, store::Store& store, const Logger& logger);

// Runs cycles until `stop` is requested or max_consecutive_failures cycles in a row have
// failed (0 = never give up). Cycles start every `interval` seconds measured from the
// previous start (fixed-schedule cadence); a cycle longer than the interval is followed
// at once by the next. The wait between cycles ends early on a stop; a running cycle is
// never interrupted (the service checks the StopSignal itself). Per cycle it records
// cycles_success / cycles_failed / errors_<ExceptionClass> counters, the
// consecutive_failures and last_cycle_timestamp gauges and the cycle_duration histogram
// (successful cycles). Returns kExitSuccess after a stop and kExitFailure after too many
// failures, or at once after a cycle that failed because the store lost its database.
int run_cycles(Service& service, store::Store& store, const BaseServiceConfig& config, const Logger& logger,
               ServiceMetrics& metrics, const StopSignal& stop);

// The unqualified class name of an exception ("StoreError", "invalid_argument"), the
// <kind> of the errors_<kind> counter.
std::string exception_kind(const std::exception& error);

}  // namespace bigbrotr::core
