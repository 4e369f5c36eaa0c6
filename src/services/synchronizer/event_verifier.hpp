#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>

#include <cstddef>
#include <memory>
#include <vector>

#include "models/event.hpp"

// The synchronizer's validator stage (design.md §4: CPU work off the I/O threads): a batch
// of events a relay stream yielded is checked (id + BIP-340 signature) on a thread pool,
// in chunks, while the stream goes on fetching the next windows. A batch of n events
// costs about n / pool-threads verifications of wall time, none of it on the I/O thread.
namespace bigbrotr::services::synchronizer {

// The verdicts on one batch: its authentic events, in the batch's order, and how many
// were rejected for each reason.
struct VerifiedEvents {
  std::vector<models::Event> valid;
  std::size_t bad_id = 0;
  std::size_t bad_signature = 0;
};

// One batch being checked. The checks start on construction.
//
// Threading: constructed, polled and awaited from coroutines of one single-threaded
// executor (`executor`); the checks run on `pool`. The pool's tasks share the batch's
// state, so destroying a job before its checks end is safe: they finish and are dropped.
// Movable, not copyable.
class VerificationJob {
 public:
  // Events per task posted to the pool: large enough that posting costs little next to
  // 64 signature checks (~1.7 ms), small enough that every pool thread gets work from a
  // batch of a few hundred events.
  static constexpr std::size_t kChunkSize = 64;

  VerificationJob(boost::asio::thread_pool& pool, boost::asio::any_io_executor executor,
                  std::vector<models::Event> events);

  // Events in the batch, checked or not.
  std::size_t size() const noexcept;
  // True when every chunk has its verdicts.
  bool done() const noexcept;
  // Waits for the verdicts and returns them; the job is spent afterwards.
  boost::asio::awaitable<VerifiedEvents> result();

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace bigbrotr::services::synchronizer
