#pragma once

#include "core/logging/logger.hpp"
#include "core/service/service_metrics.hpp"
#include "core/service/stop_signal.hpp"
#include "core/store/store.hpp"

// What a running service borrows from the process: the store, its logger, its metrics
// handle and the shutdown signal. All outlive the service.
namespace bigbrotr::core {

struct ServiceContext {
  store::Store& store;
  const Logger& logger;
  ServiceMetrics& metrics;
  const StopSignal& stop;
};

}  // namespace bigbrotr::core
