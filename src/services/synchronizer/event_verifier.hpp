#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/thread_pool.hpp>

#include <cstddef>
#include <memory>
#include <vector>

#include "models/event.hpp"

// The synchronizer's validator stage (DESIGN.md: CPU work off the I/O threads): events
// read from a relay are checked (id + BIP-340 signature) on a thread pool in chunks while
// the I/O coroutine keeps reading, so a fetch of n events costs about n / pool-threads
// verifications of wall time instead of n.
namespace bigbrotr::services::synchronizer {

// The verdicts of one drain: the authentic events (in no particular order) and how many
// were rejected for each reason.
struct VerifiedEvents {
  std::vector<models::Event> valid;
  std::size_t bad_id = 0;
  std::size_t bad_signature = 0;
};

// Threading: submit() and drain() are called from coroutines of one single-threaded
// executor (`executor`); the checks run on `pool`, which must outlive the verifier's
// pending work (drain() before destroying both). Not copyable.
class EventVerifier {
 public:
  // Events per task posted to the pool: large enough that posting costs little next to
  // 64 signature checks (~1.7 ms), small enough that both pool threads get work from a
  // fetch of a few hundred events.
  static constexpr std::size_t kChunkSize = 64;

  EventVerifier(boost::asio::thread_pool& pool, boost::asio::any_io_executor executor);
  EventVerifier(const EventVerifier&) = delete;
  EventVerifier& operator=(const EventVerifier&) = delete;

  // Queues `event` for checking; a full chunk is handed to the pool at once.
  void submit(models::Event event);

  // Hands over the last partial chunk, waits for the verdicts of everything submitted so
  // far and returns them; the verifier is then empty and can be reused.
  boost::asio::awaitable<VerifiedEvents> drain();

 private:
  struct State;
  void dispatch();

  boost::asio::thread_pool& pool_;
  std::vector<models::Event> chunk_;
  std::shared_ptr<State> state_;
};

}  // namespace bigbrotr::services::synchronizer
