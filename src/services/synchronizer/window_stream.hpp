#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/event.hpp"
#include "services/synchronizer/event_fetcher.hpp"
#include "services/synchronizer/window_filter.hpp"

// `stream_events` of services.md §5.1: the complete download of a relay's events in a
// time range, even when the relay answers fewer events than asked (a cap).
//
// Relays answer a REQ with the newest matching events first, up to the limit. So when a
// window [since, until] answers E, every event of E newer than its oldest second m is
// complete, and only second m may be truncated. The window is proved complete with at
// most two more requests: when m > since, fetch(since, m − 1, 1) must be empty (nothing
// older was hidden behind the cap; asked first because it is the cheap one and the one
// that usually fails), and B = fetch(since, m) must hold only events of second m (then it
// is all of second m, unless one second alone exceeds the cap).
//
// A window that fails the probe holds older events. The original halves it and starts
// again on the lower half; from a cursor at 0 that re-reads the newest `limit` events once
// per halving of the empty years before the data (~24 times for a relay started in 2023),
// and no event is stored until the descent reaches the oldest one. Here the first such
// window instead:
//   1. keeps the part of its answer newer than m (already read whole) for later, and
//      narrows to [since, m], m included because it may be truncated;
//   2. finds the oldest second b that holds an event by bisection with limit-1 probes
//      (~log2(m − since) tiny requests), and moves `since` to b: [since, b − 1] is empty;
//   3. walks up from b in windows sized from the density seen so far (aiming at half of
//      an answer each — of `limit`, or of the relay's own cap once a window that failed
//      the probe showed it — at most doubling from one window to the next), each proved as
//      above and yielded as soon as it is, so storage overlaps the download and every
//      event is read about once.
// A window of the walk that still fails the probe is split just below its answer the same
// way (its newer part kept, the walk narrowed). Kept events are bounded (`max_held`);
// past the bound the newer part is dropped and read again when the walk gets there. A
// window whose proof fails for another reason (the relay contradicts itself) is halved.
// Lower windows are pushed on a stack of upper bounds and done first, then the old upper
// bound is resumed from the new `since`. A one-second window cannot be split and is taken
// as answered. Residual gap: more than `limit` (or the relay's cap) events in one second.
//
// Events come out in ascending (created_at, id) order — the order of the cursor — each
// once (the fetcher de-duplicates within a request; windows never overlap).
namespace bigbrotr::services::synchronizer {

struct WindowStreamOptions {
  std::int64_t start = 0;   // inclusive lower bound (the cursor's second is read again)
  std::int64_t end = 0;     // inclusive upper bound
  std::size_t limit = 500;  // REQ limit
  // The stream gives up after this long without yielding an event (timeouts.idle).
  std::chrono::steady_clock::duration idle = std::chrono::seconds(300);
  // At most this many events read ahead of the stream are kept (see above).
  std::size_t max_held = 5000;
};

// Why a stream ended.
enum class StreamEnd : std::uint8_t {
  complete,  // every window up to `end` was answered
  idle,      // nothing yielded for `idle`
  stopped,   // keep_going() said no (shutdown, phase deadline)
  failed,    // a fetch failed (transport error, CLOSED, ...); `failure` says why
};
std::string_view to_string(StreamEnd end) noexcept;

// One step of a stream: a non-empty batch of events, or the end.
struct StreamStep {
  std::vector<models::Event> events;  // ascending (created_at, id)
  std::optional<StreamEnd> end;
  std::optional<FetchFailure> failure;  // for StreamEnd::failed
};

// Borrows the fetcher; one coroutine at a time.
class WindowStream {
 public:
  // `keep_going` is asked before every request.
  WindowStream(EventFetcher& fetcher, WindowStreamOptions options, std::function<bool()> keep_going);

  // The events of the next answered window, or the end (then every later call ends too).
  boost::asio::awaitable<StreamStep> next();

  // Windows halved so far (for logs and tests).
  std::size_t splits() const noexcept { return splits_; }

 private:
  // An upper bound on the stack. `whole` marks a window already read completely: its
  // events are `held` and it needs no request.
  struct Bound {
    std::int64_t until = 0;
    bool whole = false;
    std::vector<models::Event> held;
  };
  // How a window's proof went.
  enum class Proof : std::uint8_t { complete, older_events, inconsistent };
  struct Proved {
    Proof proof = Proof::inconsistent;
    std::vector<models::Event> events;  // the window's events when complete
  };

  // Runs the proof on a window that answered `answer`. Sets failure_ when a fetch failed.
  boost::asio::awaitable<Proved> prove(TimeWindow window, std::vector<models::Event>& answer);
  // Splits the current window below its answer, keeping the answer's complete part when
  // the bound allows, and sizes the walk's windows from that part's density.
  void split_below(TimeWindow window, std::vector<models::Event> answer);
  // The oldest second holding an event in [low, high], where some event is known to be;
  // nullopt when a fetch failed (failure_ set) or keep_going() said no.
  boost::asio::awaitable<std::optional<std::int64_t>> oldest_event_second(std::int64_t low,
                                                                          std::int64_t high);
  // Pushes the walk's next window when the current one is wider than `width_`.
  void narrow();
  // Sizes the next window of the walk from one that answered `count` events.
  void adapt_width(TimeWindow window, std::size_t count);
  // The events a window of the walk aims at: half an answer, so density changes rarely
  // overflow it.
  std::int64_t walk_target() const noexcept;
  // Pops the finished window and moves `since_` past it.
  void advance();
  StreamStep finish(StreamEnd end, std::optional<FetchFailure> failure = std::nullopt);
  StreamStep yield(std::vector<models::Event> events);

  EventFetcher& fetcher_;
  WindowStreamOptions options_;
  std::function<bool()> keep_going_;
  std::vector<Bound> bounds_;          // the stack; top = current window's until
  std::size_t held_ = 0;               // events held across the stack
  std::optional<std::int64_t> width_;  // seconds per window once the walk up has begun
  std::int64_t since_;
  std::chrono::steady_clock::time_point last_yield_;
  std::size_t answer_cap_;  // the most events one answer holds: `limit`, or the relay's cap
  std::optional<FetchFailure> failure_;
  bool ended_ = false;
  std::size_t splits_ = 0;
};

// Pure steps of the algorithm, exposed for tests.

// Sorts ascending by (created_at, id); ids compare as bytes, which is the order of their
// lower-case hex.
void sort_events(std::vector<models::Event>& events);

// The oldest created_at of a non-empty answer.
std::int64_t oldest_second(const std::vector<models::Event>& events);

// True when `recheck` (the answer of fetch(since, m)) proves second m complete: it is
// non-empty and every event in it is at second m.
bool holds_only_second(const std::vector<models::Event>& recheck, std::int64_t m);

// The answered window: `recheck` plus the events of `answer` newer than m, de-duplicated
// by id, sorted.
std::vector<models::Event> merge_window(std::vector<models::Event> recheck, std::vector<models::Event> answer,
                                        std::int64_t m);

// Where a window [since, until] with since < until is halved: its lower half is
// [since, split_point].
std::int64_t split_point(std::int64_t since, std::int64_t until) noexcept;

// The upper bound of the lower window when [since, until] answered events down to second
// m and older events exist (since < m ≤ until): m itself, which may be truncated, unless
// that would not shrink the window.
std::int64_t split_below_point(std::int64_t m, std::int64_t until) noexcept;

}  // namespace bigbrotr::services::synchronizer
