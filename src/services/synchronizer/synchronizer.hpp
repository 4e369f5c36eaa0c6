#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "core/config/synchronizer_config.hpp"
#include "core/service/service.hpp"
#include "core/service/service_context.hpp"
#include "services/synchronizer/relay_sync.hpp"
#include "services/synchronizer/sync_cycle.hpp"
#include "services/synchronizer/window_filter.hpp"

// The synchronizer (services.md §5): archives every event each relay serves into event /
// event_relay, resuming each relay from its cursor `synchronizer/cursor/<url>` =
// {"timestamp", "id"} of the last archived event.
namespace bigbrotr::services {

class Synchronizer final : public core::Service {
 public:
  // Reads the private key from the config when one was set (NIP-42 AUTH needs it;
  // without it relays that demand AUTH are counted and skipped). Throws
  // std::invalid_argument when the key is set but malformed (a start-up failure).
  // `verify_threads` = 0: one per core.
  Synchronizer(core::SynchronizerConfig config, core::ServiceContext context, std::size_t verify_threads = 0);

  models::ServiceName name() const noexcept override { return models::ServiceName::synchronizer; }
  // Deletes the cursors of relays that no longer exist.
  std::size_t cleanup() override;
  // One cycle: end_time = (until or now) − end_lag; relays on enabled networks whose
  // cursor is not past end_time, most behind first; each streamed from its cursor's
  // second to end_time. Returns early on a stop request or after timeouts.max_duration,
  // with everything received committed.
  void run() override;

  // The totals of the last run() (for tests and tools).
  const synchronizer::CycleTotals& last_totals() const noexcept { return last_totals_; }

 private:
  std::int64_t end_time() const;

  core::SynchronizerConfig config_;
  core::ServiceContext context_;
  std::vector<synchronizer::WindowFilter> filters_;
  synchronizer::RelaySyncSettings settings_;
  std::size_t verify_threads_;
  synchronizer::CycleTotals last_totals_;
};

}  // namespace bigbrotr::services
