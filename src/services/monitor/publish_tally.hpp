#pragma once

#include <cstddef>
#include <set>
#include <string>

#include "core/logging/logger.hpp"
#include "core/service/service_metrics.hpp"
#include "models/event.hpp"
#include "models/relay.hpp"
#include "services/monitor/publishing_clients.hpp"

// Counts and logs what publishing relays answered during one cycle: counters `published`
// (the relay answered OK, true or false), `accepted` (OK true) and `accepted_kind_<kind>`
// (the same by event kind), `publish_failed`
// (unreachable or the send broke) and `publish_stopped` (not sent or cut short because
// the service is stopping). An unreachable relay is warned about once per cycle, and so
// is the first send a stop skipped.
// Threading: the cycle's single-threaded executor.
namespace bigbrotr::services::monitor {

class PublishTally {
 public:
  PublishTally(const core::Logger& logger, core::ServiceMetrics& metrics)
      : logger_(logger), metrics_(metrics) {}

  void record(const models::Relay& target, const models::Event& event, const PublishAttempt& attempt);

  std::size_t published() const noexcept { return published_; }
  std::size_t accepted() const noexcept { return accepted_; }
  std::size_t failed() const noexcept { return failed_; }
  std::size_t stopped() const noexcept { return stopped_; }

 private:
  const core::Logger& logger_;
  core::ServiceMetrics& metrics_;
  std::size_t published_ = 0;
  std::size_t accepted_ = 0;
  std::size_t failed_ = 0;
  std::size_t stopped_ = 0;
  std::set<std::string> reported_unreachable_;
};

}  // namespace bigbrotr::services::monitor
