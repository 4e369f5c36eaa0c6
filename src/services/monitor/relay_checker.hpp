#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>

#include <chrono>
#include <optional>
#include <vector>

#include "core/config/metadata_flags.hpp"
#include "core/config/monitor_config.hpp"
#include "core/service/stop_signal.hpp"
#include "models/enums.hpp"
#include "models/relay.hpp"
#include "nips/relay_checks.hpp"
#include "services/monitor/retry_schedule.hpp"

// check_relay of services.md §4: every computed check of one relay, with the retry
// wrapper around the failed ones.
namespace bigbrotr::services::monitor {

// Sleeps `duration` on the calling coroutine's executor, waking every 100 ms to look at
// `stop`. Returns false (early) when a stop was requested.
boost::asio::awaitable<bool> pause_unless_stopped(std::chrono::milliseconds duration,
                                                  const core::StopSignal& stop);

// What stays the same for every relay of a cycle. Borrowed members must outlive the calls.
struct RelayCheckPlan {
  std::vector<models::MetadataType> types;  // processing.compute
  const core::PerMetadataType<core::RetryPolicy>* retries = nullptr;
  const core::StopSignal* stop = nullptr;
  JitterSource* jitter = nullptr;
  boost::asio::thread_pool* blocking_pool = nullptr;
};

// Runs `plan.types` on `relay`, then retries each failed check as its policy allows
// (retries of different types share the pause: the longest of their delays). Returns the
// report with the last result of every type, or nullopt when a stop was requested during
// a pause (the relay then counts as not checked).
boost::asio::awaitable<std::optional<nips::RelayCheckReport>> check_relay(models::Relay relay,
                                                                          nips::RelayCheckOptions options,
                                                                          const RelayCheckPlan& plan);

}  // namespace bigbrotr::services::monitor
