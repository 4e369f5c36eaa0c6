#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "services/synchronizer/window_stream.hpp"

namespace bigbrotr::services::synchronizer {
namespace {

namespace asio = boost::asio;

// Event values for the window logic: distinct ids, no real signature (the stream never
// checks them; the fetcher does).
models::Event event_at(std::int64_t created_at, std::uint32_t serial) {
  models::Sha256Digest id{};
  for (int byte = 0; byte < 4; ++byte)
    id[static_cast<std::size_t>(byte)] = static_cast<std::uint8_t>(serial >> (8 * (3 - byte)));
  id[31] = static_cast<std::uint8_t>(created_at);
  auto event = models::Event::from_fields(id, models::XOnlyPublicKey{}, models::SchnorrSignature{},
                                          created_at, 1, {}, "");
  return std::move(event).value();
}

// A relay in memory that answers like a real one: the newest matching events first
// (created_at descending, id ascending), at most min(limit, cap).
class FakeRelay final : public EventFetcher {
 public:
  explicit FakeRelay(std::vector<models::Event> events, std::size_t cap = SIZE_MAX)
      : events_(std::move(events)), cap_(cap) {
    std::sort(events_.begin(), events_.end(), [](const models::Event& a, const models::Event& b) {
      return a.created_at() != b.created_at() ? a.created_at() > b.created_at() : a.id() < b.id();
    });
  }

  asio::awaitable<FetchResult> fetch(TimeWindow window, std::size_t limit) override {
    ++requests;
    windows.push_back(window);
    if (fail_at_request && requests == *fail_at_request)
      co_return FetchFailure{FetchFailureKind::transport, "connection: reset by peer"};
    std::vector<models::Event> answer;
    for (const models::Event& event : events_) {
      if (answer.size() >= std::min(limit, cap_)) break;
      if (event.created_at() >= window.since && event.created_at() <= window.until) answer.push_back(event);
    }
    transferred += answer.size();
    co_return answer;
  }

  std::size_t requests = 0;
  std::size_t transferred = 0;  // events sent in all answers
  std::vector<TimeWindow> windows;
  std::optional<std::size_t> fail_at_request;

 private:
  std::vector<models::Event> events_;
  std::size_t cap_;
};

struct Drained {
  std::vector<models::Event> events;
  std::vector<std::size_t> batch_sizes;
  StreamEnd end = StreamEnd::complete;
  std::string reason;
};

Drained drain(
    EventFetcher& fetcher, WindowStreamOptions options,
    std::function<bool()> keep_going = [] { return true; }) {
  asio::io_context io;
  WindowStream stream(fetcher, options, std::move(keep_going));
  auto done = asio::co_spawn(
      io,
      [&]() -> asio::awaitable<Drained> {
        Drained drained;
        for (int step = 0; step < 100000; ++step) {
          StreamStep next = co_await stream.next();
          if (next.end) {
            drained.end = *next.end;
            if (next.failure) drained.reason = next.failure->reason;
            break;
          }
          drained.batch_sizes.push_back(next.events.size());
          for (auto& event : next.events) drained.events.push_back(std::move(event));
        }
        co_return drained;
      },
      asio::use_future);
  io.run();
  return done.get();
}

WindowStreamOptions range(std::int64_t start, std::int64_t end, std::size_t limit) {
  WindowStreamOptions options;
  options.start = start;
  options.end = end;
  options.limit = limit;
  return options;
}

bool ascending_unique(const std::vector<models::Event>& events) {
  for (std::size_t i = 1; i < events.size(); ++i) {
    const auto& a = events[i - 1];
    const auto& b = events[i];
    if (a.created_at() > b.created_at() || (a.created_at() == b.created_at() && !(a.id() < b.id())))
      return false;
  }
  return true;
}

std::vector<models::Event> spread(std::size_t count, std::int64_t first_second, std::int64_t seconds) {
  std::vector<models::Event> events;
  for (std::size_t i = 0; i < count; ++i) {
    events.push_back(
        event_at(first_second + static_cast<std::int64_t>(i) % seconds, static_cast<std::uint32_t>(i)));
  }
  return events;
}

TEST(WindowStream, CappedRelayYieldsEveryEventOnceInOrder) {
  FakeRelay relay(spread(5000, 1'700'000'000, 300), 100);
  const Drained drained = drain(relay, range(0, 1'800'000'000, 500));
  EXPECT_EQ(drained.end, StreamEnd::complete);
  ASSERT_EQ(drained.events.size(), 5000U);
  EXPECT_TRUE(ascending_unique(drained.events));
  // A window's batch is its re-read oldest second plus the newer rest of its answer.
  for (std::size_t size : drained.batch_sizes) EXPECT_LT(size, 200U);
}

TEST(WindowStream, UncappedRelayNeedsNoSplitWhenEverythingFitsTheLimit) {
  FakeRelay relay(spread(400, 1000, 50));
  const Drained drained = drain(relay, range(0, 5000, 500));
  EXPECT_EQ(drained.events.size(), 400U);
  ASSERT_EQ(drained.batch_sizes.size(), 1U);
  // The answer, the probe below its oldest second and the re-read of that second.
  EXPECT_EQ(relay.requests, 3U);
}

TEST(WindowStream, EventsAtTheStartSecondNeedNoProbe) {
  FakeRelay relay(spread(10, 1000, 1));
  const Drained drained = drain(relay, range(1000, 2000, 500));
  EXPECT_EQ(drained.events.size(), 10U);
  EXPECT_EQ(relay.requests, 2U);  // answer and re-read of second 1000 (== since: no probe)
}

TEST(WindowStream, StartAndEndAreInclusive) {
  std::vector<models::Event> events{event_at(99, 1), event_at(100, 2), event_at(150, 3), event_at(200, 4),
                                    event_at(201, 5)};
  FakeRelay relay(events, 1);
  const Drained drained = drain(relay, range(100, 200, 10));
  ASSERT_EQ(drained.events.size(), 3U);
  EXPECT_EQ(drained.events.front().created_at(), 100);
  EXPECT_EQ(drained.events.back().created_at(), 200);
}

TEST(WindowStream, MoreEventsInOneSecondThanTheCapIsTheDocumentedResidualGap) {
  FakeRelay relay(spread(30, 500, 1), 10);
  const Drained drained = drain(relay, range(0, 1000, 500));
  EXPECT_EQ(drained.end, StreamEnd::complete);
  EXPECT_EQ(drained.events.size(), 10U);
}

TEST(WindowStream, EmptyRelayCompletesWithOneRequest) {
  FakeRelay relay({});
  const Drained drained = drain(relay, range(0, 1'800'000'000, 500));
  EXPECT_EQ(drained.end, StreamEnd::complete);
  EXPECT_TRUE(drained.events.empty());
  EXPECT_EQ(relay.requests, 1U);
}

TEST(WindowStream, StartAfterEndYieldsNothingAndSendsNothing) {
  FakeRelay relay(spread(10, 1000, 10));
  const Drained drained = drain(relay, range(2000, 1000, 500));
  EXPECT_EQ(drained.end, StreamEnd::complete);
  EXPECT_EQ(relay.requests, 0U);
}

TEST(WindowStream, FetchFailureEndsTheStreamAfterWhatWasYielded) {
  // Nothing held: the walk back up reads windows again, so requests continue after the
  // first yield and the failure lands among them.
  WindowStreamOptions options = range(0, 5000, 500);
  options.max_held = 0;
  FakeRelay clean(spread(1000, 1000, 100), 50);
  drain(clean, options);
  FakeRelay relay(spread(1000, 1000, 100), 50);
  relay.fail_at_request = clean.requests / 2;
  const Drained drained = drain(relay, options);
  EXPECT_EQ(drained.end, StreamEnd::failed);
  EXPECT_EQ(drained.reason, "connection: reset by peer");
  EXPECT_GT(drained.events.size(), 0U);
  EXPECT_LT(drained.events.size(), 1000U);
  EXPECT_TRUE(ascending_unique(drained.events));
}

TEST(WindowStream, KeepGoingFalseStopsBeforeTheNextRequest) {
  FakeRelay relay(spread(1000, 1000, 100), 50);
  int allowed = 12;
  const Drained drained = drain(relay, range(0, 5000, 500), [&] { return allowed-- > 0; });
  EXPECT_EQ(drained.end, StreamEnd::stopped);
  EXPECT_LT(drained.events.size(), 1000U);
}

TEST(WindowStream, ZeroIdleTimeEndsAtOnce) {
  FakeRelay relay(spread(10, 1000, 10));
  WindowStreamOptions options = range(0, 5000, 500);
  options.idle = std::chrono::seconds(0);
  const Drained drained = drain(relay, options);
  EXPECT_EQ(drained.end, StreamEnd::idle);
  EXPECT_EQ(relay.requests, 0U);
}

TEST(WindowStream, WindowsNeverOverlapAndMoveForward) {
  FakeRelay relay(spread(2000, 10'000, 1000), 64);
  const Drained drained = drain(relay, range(0, 100'000, 500));
  EXPECT_EQ(drained.events.size(), 2000U);
  std::int64_t since = 0;
  for (const TimeWindow& window : relay.windows) {
    EXPECT_GE(window.since, since);  // the lower bound never goes back
    since = window.since;
  }
}

TEST(WindowStream, FirstDownloadFromCursorZeroReadsEveryEventAboutOnce) {
  // 20,000 events in the last ~6 hours of a range that starts at 0: halving would re-read
  // the newest answer once per halving of the empty years before the data.
  FakeRelay relay(spread(20000, 1'700'000'000, 20000));
  WindowStreamOptions options = range(0, 1'800'000'000, 500);
  options.max_held = 20000;
  const Drained drained = drain(relay, options);
  ASSERT_EQ(drained.events.size(), 20000U);
  EXPECT_TRUE(ascending_unique(drained.events));
  // Each answer once, plus a re-read of the oldest second of each window walked up; three
  // requests per window of about half a limit, and ~31 probes to find the oldest second.
  EXPECT_LT(relay.transferred, 20000U * 11 / 10);
  EXPECT_LT(relay.requests, 20000U / 250 * 3 + 40);
}

TEST(WindowStream, WalkUpCrossesGapsAndBurstsWithoutLosingEvents) {
  // A sparse year, empty years, then a burst 100 times denser, behind a cap of 100.
  std::vector<models::Event> events = spread(3000, 1'500'000'000, 3'000'000);
  for (models::Event& event : spread(3000, 1'750'000'000, 300)) events.push_back(std::move(event));
  FakeRelay relay(events, 100);
  const Drained drained = drain(relay, range(0, 1'800'000'000, 500));
  EXPECT_EQ(drained.end, StreamEnd::complete);
  ASSERT_EQ(drained.events.size(), 6000U);
  EXPECT_TRUE(ascending_unique(drained.events));
  EXPECT_LT(relay.requests, 1000U);
}

TEST(WindowStream, EveryBoundOnHeldEventsYieldsTheWholeStream) {
  for (const std::size_t max_held : {std::size_t{0}, std::size_t{1000}, std::size_t{100000}}) {
    FakeRelay relay(spread(6000, 1'700'000'000, 600), 100);
    WindowStreamOptions options = range(0, 1'800'000'000, 500);
    options.max_held = max_held;
    const Drained drained = drain(relay, options);
    EXPECT_EQ(drained.end, StreamEnd::complete);
    ASSERT_EQ(drained.events.size(), 6000U) << "max_held " << max_held;
    EXPECT_TRUE(ascending_unique(drained.events));
  }
}

TEST(WindowStream, LessHeldMeansMoreReadsButTheSameEvents) {
  FakeRelay keeping(spread(6000, 1'700'000'000, 600));
  FakeRelay dropping(spread(6000, 1'700'000'000, 600));
  WindowStreamOptions options = range(1'600'000'000, 1'800'000'000, 500);
  options.max_held = 100000;
  const Drained kept = drain(keeping, options);
  options.max_held = 0;
  const Drained dropped = drain(dropping, options);
  EXPECT_EQ(dropped.end, StreamEnd::complete);
  EXPECT_EQ(kept.events, dropped.events);
  EXPECT_LT(keeping.transferred, dropping.transferred);
}

TEST(WindowStreamSteps, SplitBelowKeepsTheOldestSecondInTheLowerWindow) {
  EXPECT_EQ(split_below_point(50, 100), 50);
  // Every answered event at the window's last second: the lower window must still shrink.
  EXPECT_EQ(split_below_point(100, 100), 99);
}

TEST(WindowStreamSteps, SplitPointHalvesTheWindow) {
  EXPECT_EQ(split_point(0, 1), 0);
  EXPECT_EQ(split_point(10, 20), 15);
  EXPECT_EQ(split_point(10, 21), 15);
  EXPECT_EQ(split_point(0, 1'800'000'000), 900'000'000);
}

TEST(WindowStreamSteps, HoldsOnlySecondNeedsANonEmptyAnswerAtThatSecond) {
  EXPECT_FALSE(holds_only_second({}, 5));
  EXPECT_TRUE(holds_only_second({event_at(5, 1), event_at(5, 2)}, 5));
  EXPECT_FALSE(holds_only_second({event_at(5, 1), event_at(4, 2)}, 5));
}

TEST(WindowStreamSteps, MergeKeepsRecheckAndNewerEventsOnceSorted) {
  const models::Event a = event_at(5, 1);
  const models::Event b = event_at(5, 2);
  const models::Event c = event_at(6, 3);
  const models::Event d = event_at(9, 4);
  const auto merged = merge_window({b, a}, {d, c, a}, 5);
  ASSERT_EQ(merged.size(), 4U);
  EXPECT_EQ(merged[0], a);
  EXPECT_EQ(merged[1], b);
  EXPECT_EQ(merged[2], c);
  EXPECT_EQ(merged[3], d);
}

TEST(WindowStreamSteps, SortOrdersBySecondThenIdBytes) {
  std::vector<models::Event> events{event_at(7, 2), event_at(3, 9), event_at(7, 1)};
  sort_events(events);
  EXPECT_EQ(events[0].created_at(), 3);
  EXPECT_EQ(events[1], event_at(7, 1));
  EXPECT_EQ(oldest_second(events), 3);
}

}  // namespace
}  // namespace bigbrotr::services::synchronizer
