#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/store/store.hpp"
#include "models/event_relay.hpp"
#include "services/synchronizer/event_fetcher.hpp"
#include "services/synchronizer/ingest_policy.hpp"
#include "services/synchronizer/window_filter.hpp"
#include "services/synchronizer/window_stream.hpp"
#include "utils/keys.hpp"
#include "utils/transport/transport_options.hpp"

// One relay's turn in a synchronizer cycle (services.md §5, step 3): connect (with keys
// for NIP-42 when the synchronizer has one), stream its events from the cursor's second
// to the cycle's end time, hand them over batch by batch, and tear the client down.
// Whatever the relay does is reported as a value; nothing it does throws.
namespace bigbrotr::services::synchronizer {

// What every relay of a cycle shares. Borrowed for the cycle.
struct RelaySyncSettings {
  const std::vector<WindowFilter>* filters = nullptr;
  std::optional<utils::Keys> keys;  // without keys, relays that demand AUTH cannot be read
  std::int64_t end_time = 0;
  std::size_t limit = 500;
  std::chrono::steady_clock::duration idle = std::chrono::seconds(300);
  std::optional<std::int64_t> max_event_size;
};

// How a relay's turn went, for its log line and the cycle's counters.
struct RelaySyncReport {
  bool connected = false;
  std::string connect_error;  // when not connected
  StreamEnd end = StreamEnd::complete;
  std::optional<FetchFailure> failure;  // why the stream failed
  FetchCounters fetch;
  IngestCounters ingest;
  std::size_t events = 0;  // handed over
  std::size_t splits = 0;  // windows halved

  // True when the stream failed with that kind of fetch failure.
  bool failed_with(FetchFailureKind kind) const;
};

// Receives a batch of observations (ascending, after every earlier batch of the relay);
// returns false when the receiver is gone and the turn should end.
using BatchSink = std::function<boost::asio::awaitable<bool>(std::vector<models::EventRelay>)>;

// Runs one relay's turn on the calling coroutine's executor (single-threaded); signature
// checks go to `verify_pool`. `keep_going` is asked before every request.
boost::asio::awaitable<RelaySyncReport> sync_relay(const core::store::RelayCursor& cursor,
                                                   const utils::TransportOptions& transport,
                                                   const RelaySyncSettings& settings,
                                                   boost::asio::thread_pool& verify_pool,
                                                   std::function<bool()> keep_going, BatchSink sink);

}  // namespace bigbrotr::services::synchronizer
