#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/store/store.hpp"
#include "models/event_relay.hpp"
#include "models/service_state.hpp"

// The synchronizer's write buffer and cursor bookkeeping (services.md §5, step 4): the
// observations received since the last flush, and for each relay the cursor that covers
// them — (created_at, id) of the last event the relay yielded. A flush commits both in
// one transaction (Store::insert_events_with_state), so a cursor is never stored ahead
// of the events it vouches for; after a crash the next cycle re-reads from the last
// committed cursor (inclusive), and duplicates are ignored by the store.
namespace bigbrotr::services::synchronizer {

// What one flush writes: taken out of the buffer on the I/O thread, written on another.
struct SyncFlush {
  std::vector<models::EventRelay> observations;
  std::vector<models::ServiceState> cursors;

  // Commits everything in one transaction; returns event_relay rows inserted. Throws
  // StoreError like the store does.
  std::size_t write(core::store::Store& store) const;
};

// Not thread-safe: owned by the cycle's consumer.
class SyncBuffer {
 public:
  // Appends a relay's batch, which the stream yields in ascending (created_at, id) order
  // and after every earlier batch of that relay, and moves the relay's cursor to its last
  // event. An empty batch changes nothing.
  void add(const std::string& relay_url, std::vector<models::EventRelay> batch);

  std::size_t size() const noexcept { return observations_.size(); }
  // True when there is nothing to write (no events and no cursor).
  bool empty() const noexcept { return observations_.empty() && cursors_.empty(); }

  // Moves the contents out; the buffer is empty afterwards.
  SyncFlush take();

 private:
  struct Cursor {
    std::int64_t timestamp = 0;
    std::string id;
  };
  std::vector<models::EventRelay> observations_;
  std::map<std::string, Cursor> cursors_;
};

// The synchronizer cursor of `relay_url`: {"timestamp": created_at, "id": "<hex>"}.
models::ServiceState cursor_state(const std::string& relay_url, std::int64_t timestamp,
                                  const std::string& id);

}  // namespace bigbrotr::services::synchronizer
