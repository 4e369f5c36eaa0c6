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

WindowStream::WindowStream(EventFetcher& fetcher, WindowStreamOptions options,
                           std::function<bool()> keep_going)
    : fetcher_(fetcher),
      options_(options),
      keep_going_(std::move(keep_going)),
      since_(options.start),
      last_yield_(Clock::now()) {
  if (options_.start <= options_.end) upper_bounds_.push_back(options_.end);
}

void WindowStream::advance() {
  since_ = upper_bounds_.back() + 1;
  upper_bounds_.pop_back();
}

StreamStep WindowStream::finish(StreamEnd end, std::string reason) {
  ended_ = true;
  StreamStep step;
  step.end = end;
  step.reason = std::move(reason);
  return step;
}

asio::awaitable<StreamStep> WindowStream::next() {
  if (ended_) co_return finish(StreamEnd::complete);
  // Each round either pops a window or halves one; halving stops at one second, so the
  // loop is bounded by ~2 × log2(end − start) rounds per window answered.
  while (!upper_bounds_.empty()) {
    if (Clock::now() - last_yield_ >= options_.idle) co_return finish(StreamEnd::idle);
    if (!keep_going_()) co_return finish(StreamEnd::stopped);
    const TimeWindow window{since_, upper_bounds_.back()};
    FetchResult answer = co_await fetcher_.fetch(window, options_.limit);
    if (!answer) co_return finish(StreamEnd::failed, answer.reason());
    if (answer->empty()) {
      advance();
      continue;
    }
    std::optional<std::vector<models::Event>> events;
    if (window.since == window.until) {
      events = std::move(answer).value();
      sort_events(*events);
    } else {
      events = co_await prove(window, std::move(answer).value());
      if (failure_) co_return finish(StreamEnd::failed, *failure_);
    }
    if (!events) {
      ++splits_;
      upper_bounds_.push_back(split_point(window.since, window.until));
      continue;
    }
    advance();
    last_yield_ = Clock::now();
    StreamStep step;
    step.events = std::move(*events);
    co_return step;
  }
  co_return finish(StreamEnd::complete);
}

asio::awaitable<std::optional<std::vector<models::Event>>> WindowStream::prove(
    TimeWindow window, std::vector<models::Event> answer) {
  const std::int64_t m = oldest_second(answer);
  // The probe goes first: a window fails the proof mostly because older events exist, and
  // the probe shows that with one event where the re-read would transfer `limit`.
  if (m > window.since) {
    const TimeWindow before_m{window.since, m - 1};
    FetchResult probe = co_await fetcher_.fetch(before_m, 1);
    if (!probe) {
      failure_ = probe.reason();
      co_return std::nullopt;
    }
    if (!probe->empty()) co_return std::nullopt;
  }
  const TimeWindow up_to_m{window.since, m};
  FetchResult recheck = co_await fetcher_.fetch(up_to_m, options_.limit);
  if (!recheck) {
    failure_ = recheck.reason();
    co_return std::nullopt;
  }
  if (!holds_only_second(*recheck, m)) co_return std::nullopt;
  co_return merge_window(std::move(recheck).value(), std::move(answer), m);
}

}  // namespace bigbrotr::services::synchronizer
