#pragma once

#include <cstddef>

#include "core/config/finder_config.hpp"
#include "core/service/service_context.hpp"
#include "models/relay.hpp"

// The finder's events phase (services.md §2): scan the tag index of every relay's events
// after that relay's cursor, least-scanned relays first, `parallel_relays` at a time, and
// register the relay URLs found as candidates. Buffered relays are registered before the
// cursors that cover them are stored, so a cursor never passes an unregistered URL.
namespace bigbrotr::services::finder {

struct EventPhaseResult {
  std::size_t relays = 0;        // relays with events (or not) that were listed
  std::size_t relays_seen = 0;   // relays whose scan ended this cycle
  std::size_t rows_seen = 0;     // event rows scanned
  std::size_t relays_found = 0;  // relay URLs found in tags (before de-duplication)
  std::size_t registered = 0;    // new candidates
  std::size_t failed = 0;        // relays whose scan threw (logged, skipped)
};

class EventPhase {
 public:
  // Store queries run on at most this many threads at once: the database, not the
  // number of relays, bounds how much scanning can overlap.
  static constexpr std::size_t kMaxQueryThreads = 4;

  // Borrows `config` and `context`, which must outlive the phase.
  EventPhase(const core::FinderEventsConfig& config, models::RelayParseOptions parse_options,
             core::ServiceContext context);

  // Blocks for the whole phase, at most about max_duration + max_relay_time. Stops
  // starting relays on a stop request; what was scanned is still flushed. Store failures
  // of a flush throw; those of one relay's scan are logged and skip that relay.
  EventPhaseResult run();

 private:
  const core::FinderEventsConfig& config_;
  models::RelayParseOptions parse_options_;
  core::ServiceContext context_;
};

}  // namespace bigbrotr::services::finder
