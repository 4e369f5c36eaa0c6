#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <vector>

#include "core/config/synchronizer_config.hpp"
#include "core/service/service_context.hpp"
#include "core/store/store.hpp"
#include "services/synchronizer/relay_sync.hpp"
#include "utils/transport/transport_options.hpp"

// One synchronizer cycle over a list of relays (services.md §5, steps 3–4), as a pipeline
// of stages like strfry's writer pipeline:
//   I/O thread   per-network lanes (networks.<net>.max_tasks each) stream relays, most
//                behind first, and push batches into a bounded queue (back-pressure);
//   verify pool  checks ids and signatures of what the streams yield (VerificationJob);
//   consumer     (a coroutine on the I/O thread) buffers batches with their cursors and,
//                every batch_size events, hands the buffer to
//   writer       one thread that commits events + cursors in one transaction.
// The I/O thread never waits for the database or for signature checks.
namespace bigbrotr::services::synchronizer {

struct CycleTotals {
  std::size_t relays = 0;          // relays in the cycle
  std::size_t relays_seen = 0;     // turns ended (connected or not)
  std::size_t relays_skipped = 0;  // network unusable (bad proxy), never started
  std::size_t connect_failed = 0;
  std::size_t auth_unavailable = 0;  // wanted AUTH, no key
  std::size_t auth_rejected = 0;     // wanted AUTH, refused the key we have
  std::size_t stream_failed = 0;     // other stream failures
  std::size_t events_seen = 0;       // observations handed to the buffer
  std::size_t rows_inserted = 0;     // event_relay rows new to the archive
  std::size_t flushes = 0;
  FetchCounters fetch;  // summed over relays
  IngestCounters ingest;
  bool stopped = false;  // shutdown or max_duration cut the cycle short
};

class SyncCycle {
 public:
  // Threads checking signatures: every core. The I/O thread mostly waits on sockets and
  // the writer on the database, so the cores are the verifiers'.
  static std::size_t default_verify_threads();

  // Borrows config, settings and context for the cycle.
  SyncCycle(const core::SynchronizerConfig& config, const RelaySyncSettings& settings,
            core::ServiceContext context, std::size_t verify_threads = default_verify_threads());

  // Streams every relay in `cursors` (already ordered most-behind first) and stores what
  // arrives. Blocks; returns early on a stop request or after timeouts.max_duration, once
  // everything received is committed. A store failure is rethrown after the relays still
  // running have wound down.
  CycleTotals run(std::vector<core::store::RelayCursor> cursors);

 private:
  struct Run;

  const core::SynchronizerConfig& config_;
  const RelaySyncSettings& settings_;
  core::ServiceContext context_;
  std::size_t verify_threads_;
};

}  // namespace bigbrotr::services::synchronizer
