#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/config/monitor_config.hpp"
#include "core/service/progress_log.hpp"
#include "core/service/service_context.hpp"
#include "core/store/store.hpp"
#include "nips/relay_checks.hpp"
#include "services/common/network_limiter.hpp"
#include "services/monitor/discovery_fanout.hpp"
#include "services/monitor/geo_databases.hpp"
#include "services/monitor/publish_tally.hpp"
#include "services/monitor/publishing_clients.hpp"
#include "services/monitor/relay_checker.hpp"
#include "services/monitor/retry_schedule.hpp"
#include "utils/keys.hpp"

// One monitor cycle after the GeoLite2 step (services.md §4 steps 2–5), as a coroutine on
// one single-threaded io_context: own events, then the due relays chunk by chunk (checks
// under per-network limits, kind 30166 per relay, metadata and checkpoints per chunk),
// then the publishing connections are closed. Store calls run inline on the I/O thread,
// between chunks, when no check is in flight. On a stop request publishing ends within
// PublishingClients::kStopGrace.
namespace bigbrotr::services::monitor {

// The cycle's relay counts so far.
struct CheckTally {
  std::size_t total = 0;      // due relays
  std::size_t checked = 0;    // checked; their results were stored
  std::size_t succeeded = 0;  // of the checked, those up or restricted (without an rtt
                              // check, which judges status: those with a check that worked)
  std::size_t failed = 0;     // the check threw: no results, checkpoint written
  std::size_t up = 0;         // of the checked, by status (docs/status.md); without an rtt
  std::size_t restricted = 0; // check a relay has no status and counts in none of these
  std::size_t down = 0;
};

// What the cycle borrows; everything outlives run().
struct CycleInputs {
  const core::MonitorConfig& config;
  core::ServiceContext context;
  // Signs the rtt write probe, answers NIP-42 and signs published events.
  const utils::Keys& keys;
  // False without the monitor's own key: nothing is published.
  bool publish = false;
  const GeoDatabases& geo;
  boost::asio::thread_pool& blocking_pool;
};

class MonitorCycle {
 public:
  explicit MonitorCycle(CycleInputs inputs);

  // The whole cycle. Store errors propagate (after the connections are closed).
  boost::asio::awaitable<void> run();

  const CheckTally& tally() const noexcept { return tally_; }

 private:
  using NetworkOptions = std::array<std::optional<nips::RelayCheckOptions>, 6>;

  // What one chunk produced: the records to store and the relays to checkpoint.
  struct ChunkResults {
    std::vector<models::RelayMetadata> records;
    std::vector<models::RelayStatusRecord> statuses;
    std::vector<std::string> checked;
  };

  NetworkOptions usable_networks() const;
  boost::asio::awaitable<void> check_due_relays(PublishingClients& clients, PublishTally& publish_tally);
  // Checks `chunk` concurrently under `limiter`; each relay's 30166 goes to `fanout`
  // (nullptr: no publishing). Relays not started because of a stop are left out.
  boost::asio::awaitable<ChunkResults> check_chunk(std::span<const core::store::DueRelay> chunk,
                                                   const RelayCheckPlan& plan, NetworkLimiter& limiter,
                                                   DiscoveryFanout* fanout, core::ProgressLog& progress);
  void store_chunk(const ChunkResults& results);
  void count_status(const models::StatusVerdict& verdict);
  void update_gauges();

  CycleInputs in_;
  NetworkOptions networks_;
  std::int64_t started_at_;
  CheckTally tally_;
  JitterSource jitter_;
};

}  // namespace bigbrotr::services::monitor
