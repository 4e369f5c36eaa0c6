#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/event.hpp"
#include "models/result.hpp"
#include "services/synchronizer/window_filter.hpp"
#include "utils/transport/relay_client.hpp"

// `fetch(since, until, n)` of services.md §5.1: one bounded read of a relay for a time
// window, keeping only what may be archived. The window algorithm (window_stream.hpp)
// sees relays only through EventFetcher, so its decisions are tested on in-memory data.
namespace bigbrotr::services::synchronizer {

// Up to `limit` events matching some filter inside the window, unique by id, in no
// particular order, not yet verified: the window algorithm needs only their times and ids,
// and checks run once per event on what the stream yields (event_verifier.hpp), not on
// every re-read of a window's edge. A failure ends the relay's turn.
// Why a fetch failed, for the cycle's counters and log lines.
enum class FetchFailureKind : std::uint8_t {
  transport,         // the connection failed (timeout, reset, too large, ...)
  closed,            // the relay CLOSED the subscription for a reason other than AUTH
  auth_unavailable,  // the relay wants NIP-42 AUTH and the synchronizer has no key
  auth_rejected,     // the relay wants AUTH, we answered its challenge, and it still refused
  protocol,          // the relay flooded the subscription with unrelated messages
};

struct FetchFailure {
  FetchFailureKind kind = FetchFailureKind::transport;
  std::string reason;  // for people: the relay's own words or the transport's reason
};

using FetchResult = models::Result<std::vector<models::Event>, FetchFailure>;

class EventFetcher {
 public:
  virtual ~EventFetcher() = default;
  virtual boost::asio::awaitable<FetchResult> fetch(TimeWindow window, std::size_t limit) = 0;
};

// What a relay sent that was dropped, for the per-relay log line and the counters.
struct FetchCounters {
  std::size_t requests = 0;       // REQs sent
  std::size_t bad_id = 0;         // id is not the hash of the event (counted when yielded)
  std::size_t bad_signature = 0;  // signature does not verify (counted when yielded)
  std::size_t unmatched = 0;      // outside the window or not matching the filter asked for
};

// fetch() over a live RelayClient: for each filter, REQ with since/until/limit, read the
// answers one by one (each read bounded by the client's read timeout) until EOSE or
// `limit` events are kept overall, then CLOSE. A CLOSED answer fails the fetch — treating
// it as "no events" would let the cursor skip what the relay refused to send — except a
// first "auth-required:" when the client holds keys: the challenge has been answered by
// then (RelayClient does it on receipt), so the REQ is sent once more.
//
// Borrows everything; one coroutine at a time.
class RelayEventFetcher final : public EventFetcher {
 public:
  RelayEventFetcher(utils::RelayClient& client, const std::vector<WindowFilter>& filters,
                    bool can_authenticate, FetchCounters& counters);

  boost::asio::awaitable<FetchResult> fetch(TimeWindow window, std::size_t limit) override;

 private:
  struct Collected;
  // Reads one filter's subscription into `collected`; nullopt when it ended well.
  boost::asio::awaitable<std::optional<FetchFailure>> read_subscription(const WindowFilter& filter,
                                                                        TimeWindow window, std::size_t limit,
                                                                        Collected& collected);

  utils::RelayClient& client_;
  const std::vector<WindowFilter>& filters_;
  bool can_authenticate_;
  FetchCounters& counters_;
  std::uint64_t subscriptions_ = 0;
};

}  // namespace bigbrotr::services::synchronizer
