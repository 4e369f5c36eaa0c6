#include "services/synchronizer/window_stream.hpp"

#include <algorithm>
#include <utility>

namespace bigbrotr::services::synchronizer {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

bool older_first(const models::Event& a, const models::Event& b) {
  if (a.created_at() != b.created_at()) return a.created_at() < b.created_at();
  return a.id() < b.id();
}

}  // namespace

std::string_view to_string(StreamEnd end) noexcept {
  switch (end) {
    case StreamEnd::complete:
      return "complete";
    case StreamEnd::idle:
      return "idle";
    case StreamEnd::stopped:
      return "stopped";
    case StreamEnd::failed:
      return "failed";
  }
  return "unknown";
}

void sort_events(std::vector<models::Event>& events) { std::sort(events.begin(), events.end(), older_first); }

std::int64_t oldest_second(const std::vector<models::Event>& events) {
  return std::min_element(events.begin(), events.end(), older_first)->created_at();
}

bool holds_only_second(const std::vector<models::Event>& recheck, std::int64_t m) {
  return !recheck.empty() && std::all_of(recheck.begin(), recheck.end(),
                                         [m](const models::Event& event) { return event.created_at() == m; });
}

std::vector<models::Event> merge_window(std::vector<models::Event> recheck, std::vector<models::Event> answer,
                                        std::int64_t m) {
  for (models::Event& event : answer) {
    if (event.created_at() > m) recheck.push_back(std::move(event));
  }
  sort_events(recheck);
  const auto same_id = [](const models::Event& a, const models::Event& b) { return a.id() == b.id(); };
  recheck.erase(std::unique(recheck.begin(), recheck.end(), same_id), recheck.end());
  return recheck;
}

std::int64_t split_point(std::int64_t since, std::int64_t until) noexcept {
  return since + (until - since) / 2;
}

std::int64_t split_below_point(std::int64_t m, std::int64_t until) noexcept { return m < until ? m : m - 1; }

WindowStream::WindowStream(EventFetcher& fetcher, WindowStreamOptions options,
                           std::function<bool()> keep_going)
    : fetcher_(fetcher),
      options_(options),
      keep_going_(std::move(keep_going)),
      since_(options.start),
      last_yield_(Clock::now()),
      answer_cap_(std::max<std::size_t>(1, options.limit)) {
  if (options_.start <= options_.end) bounds_.push_back(Bound{options_.end, false, {}});
}

void WindowStream::advance() {
  since_ = bounds_.back().until + 1;
  bounds_.pop_back();
}

StreamStep WindowStream::finish(StreamEnd end, std::optional<FetchFailure> failure) {
  ended_ = true;
  StreamStep step;
  step.end = end;
  step.failure = std::move(failure);
  return step;
}

StreamStep WindowStream::yield(std::vector<models::Event> events) {
  last_yield_ = Clock::now();
  StreamStep step;
  step.events = std::move(events);
  return step;
}

asio::awaitable<StreamStep> WindowStream::next() {
  if (ended_) co_return finish(StreamEnd::complete);
  // Each round pops a window or shrinks one (splits stop at one second), so the loop is
  // bounded by ~2 × log2(end − start) rounds per window answered.
  while (!bounds_.empty()) {
    if (Clock::now() - last_yield_ >= options_.idle) co_return finish(StreamEnd::idle);
    if (bounds_.back().whole) {
      std::vector<models::Event> held = std::move(bounds_.back().held);
      held_ -= held.size();
      advance();
      if (held.empty()) continue;
      sort_events(held);
      co_return yield(std::move(held));
    }
    if (!keep_going_()) co_return finish(StreamEnd::stopped);
    narrow();
    const TimeWindow window{since_, bounds_.back().until};
    FetchResult answer = co_await fetcher_.fetch(window, options_.limit);
    if (!answer) co_return finish(StreamEnd::failed, answer.error());
    if (answer->empty()) {
      adapt_width(window, 0);
      advance();
      continue;
    }
    std::vector<models::Event> events = std::move(answer).value();
    if (window.since == window.until) {
      sort_events(events);
      adapt_width(window, events.size());
      advance();
      co_return yield(std::move(events));
    }
    Proved proved = co_await prove(window, events);
    if (failure_) co_return finish(StreamEnd::failed, *failure_);
    if (proved.proof == Proof::complete) {
      adapt_width(window, proved.events.size());
      advance();
      co_return yield(std::move(proved.events));
    }
    ++splits_;
    if (proved.proof == Proof::older_events) {
      const bool walk_begins = !width_;
      const std::int64_t m = oldest_second(events);
      split_below(window, std::move(events));
      if (walk_begins) {
        const std::optional<std::int64_t> oldest = co_await oldest_event_second(since_, m - 1);
        if (failure_) co_return finish(StreamEnd::failed, *failure_);
        if (!oldest) co_return finish(StreamEnd::stopped);
        since_ = *oldest;
      }
    } else {
      bounds_.push_back(Bound{split_point(window.since, window.until), false, {}});
    }
  }
  co_return finish(StreamEnd::complete);
}

void WindowStream::split_below(TimeWindow window, std::vector<models::Event> answer) {
  const std::int64_t m = oldest_second(answer);
  const std::int64_t lower_until = split_below_point(m, window.until);
  // Older events exist, so this answer was cut short: by `limit`, or by the relay's cap.
  answer_cap_ = std::min(answer_cap_, answer.size());
  std::erase_if(answer, [m](const models::Event& event) { return event.created_at() <= m; });
  Bound& upper = bounds_.back();
  // Windows of the walk should hold their target at the density of the newer part.
  const std::int64_t span = window.until - m;
  const auto newer = static_cast<std::int64_t>(answer.size());
  width_ = newer == 0 ? 1 : std::max<std::int64_t>(1, span * walk_target() / newer);
  // (m, until] is whole only when the lower window ends at m.
  if (lower_until == m && held_ + answer.size() <= options_.max_held) {
    held_ += answer.size();
    upper.held = std::move(answer);
    upper.whole = true;
  }
  bounds_.push_back(Bound{lower_until, false, {}});
}

asio::awaitable<std::optional<std::int64_t>> WindowStream::oldest_event_second(std::int64_t low,
                                                                               std::int64_t high) {
  // Every round at least halves [low, high]; 64 rounds exhaust any int64 range.
  for (int round = 0; low < high && round < 64; ++round) {
    if (!keep_going_()) co_return std::nullopt;
    const std::int64_t middle = split_point(low, high);
    FetchResult probe = co_await fetcher_.fetch(TimeWindow{low, middle}, 1);
    if (!probe) {
      failure_ = probe.error();
      co_return std::nullopt;
    }
    // The fetcher keeps only events inside the window, so a found one is in [low, middle].
    if (probe->empty()) {
      low = middle + 1;
    } else {
      high = probe->front().created_at();
    }
  }
  co_return low;
}

void WindowStream::narrow() {
  if (!width_) return;
  const std::int64_t until = bounds_.back().until;
  if (until - since_ + 1 > *width_) bounds_.push_back(Bound{since_ + *width_ - 1, false, {}});
}

void WindowStream::adapt_width(TimeWindow window, std::size_t count) {
  if (!width_) return;
  const std::int64_t width = window.until - window.since + 1;
  const auto answered = static_cast<std::int64_t>(std::max<std::size_t>(1, count));
  width_ = std::clamp<std::int64_t>(width * walk_target() / answered, 1, 2 * width);
}

std::int64_t WindowStream::walk_target() const noexcept {
  return static_cast<std::int64_t>(std::max<std::size_t>(1, answer_cap_ / 2));
}

asio::awaitable<WindowStream::Proved> WindowStream::prove(TimeWindow window,
                                                          std::vector<models::Event>& answer) {
  const std::int64_t m = oldest_second(answer);
  // The probe goes first: a window fails the proof mostly because older events exist, and
  // the probe shows that with one event where the re-read would transfer `limit`.
  if (m > window.since) {
    const TimeWindow before_m{window.since, m - 1};
    FetchResult probe = co_await fetcher_.fetch(before_m, 1);
    if (!probe) {
      failure_ = probe.error();
      co_return Proved{};
    }
    if (!probe->empty()) co_return Proved{Proof::older_events, {}};
  }
  const TimeWindow up_to_m{window.since, m};
  FetchResult recheck = co_await fetcher_.fetch(up_to_m, options_.limit);
  if (!recheck) {
    failure_ = recheck.error();
    co_return Proved{};
  }
  if (!holds_only_second(*recheck, m)) co_return Proved{};
  co_return Proved{Proof::complete, merge_window(std::move(recheck).value(), std::move(answer), m)};
}

}  // namespace bigbrotr::services::synchronizer
