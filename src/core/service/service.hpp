#pragma once

#include <cstddef>

#include "models/enums.hpp"

// One pipeline service (services.md §0). The runtime (service_runner.hpp) calls cleanup()
// then run() once per cycle. Both block and throw to fail the cycle (StoreError for the
// database, std::exception for the rest); what one relay, line or source does wrong is a
// value handled, counted and logged inside the service.
namespace bigbrotr::core {

class Service {
 public:
  virtual ~Service() = default;

  virtual models::ServiceName name() const noexcept = 0;
  // Removes the service's stale state before a cycle; returns how many rows went.
  virtual std::size_t cleanup() { return 0; }
  // One cycle. Long loops check the context's StopSignal between chunks and return early.
  virtual void run() = 0;
};

}  // namespace bigbrotr::core
