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
// is all of second m, unless one second alone exceeds the cap). A
// window that fails the proof is halved: the lower half is pushed on a stack of upper
// bounds and done first, then the old upper bound is resumed from the new `since`. A
// one-second window cannot be split and is taken as answered. Cost: 2–3 requests per
// non-empty window. Residual gap: more than `limit` (or the relay's cap) events in one
// second.
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
};

// Why a stream ended.
enum class StreamEnd : std::uint8_t {
  complete,  // every window up to `end` was answered
  idle,      // nothing yielded for `idle`
  stopped,   // keep_going() said no (shutdown, phase deadline)
  failed,    // a fetch failed (transport error, CLOSED, ...); `reason` says why
};
std::string_view to_string(StreamEnd end) noexcept;

// One step of a stream: a non-empty batch of events, or the end.
struct StreamStep {
  std::vector<models::Event> events;  // ascending (created_at, id)
  std::optional<StreamEnd> end;
  std::string reason;  // for StreamEnd::failed
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
  // Runs the proof on a window that answered `answer`: the window's events, or nullopt
  // when it must be split. Sets failure_ when a fetch failed.
  boost::asio::awaitable<std::optional<std::vector<models::Event>>> prove(TimeWindow window,
                                                                          std::vector<models::Event> answer);
  // Pops the finished window and moves `since_` past it.
  void advance();
  StreamStep finish(StreamEnd end, std::string reason = {});

  EventFetcher& fetcher_;
  WindowStreamOptions options_;
  std::function<bool()> keep_going_;
  std::vector<std::int64_t> upper_bounds_;  // the stack; top = current window's until
  std::int64_t since_;
  std::chrono::steady_clock::time_point last_yield_;
  std::optional<std::string> failure_;
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

}  // namespace bigbrotr::services::synchronizer
