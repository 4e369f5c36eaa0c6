#include "services/synchronizer/relay_sync.hpp"

#include <boost/asio/this_coro.hpp>

#include <deque>
#include <utility>

#include "services/synchronizer/event_verifier.hpp"
#include "utils/transport/relay_client.hpp"

namespace bigbrotr::services::synchronizer {

namespace asio = boost::asio;

// How many windows' worth of events a stream may read ahead and keep (window_stream.hpp):
// bounds a stream's memory to a few times what one answer holds anyway.
constexpr std::size_t kHeldWindows = 8;

// How many windows' worth of yielded events may wait for their checks while the stream
// fetches on: enough to keep the pool busy across the next request's round trip.
constexpr std::size_t kCheckedWindows = 2;

namespace {

// Batches the stream yielded, checked on the pool in yield order, so that the next
// request goes out while the last window's signatures are still being verified.
class CheckQueue {
 public:
  CheckQueue(asio::thread_pool& pool, asio::any_io_executor executor, std::size_t max_events)
      : pool_(pool), executor_(std::move(executor)), max_events_(max_events) {}

  void add(std::vector<models::Event> events) {
    events_ += events.size();
    jobs_.emplace_back(pool_, executor_, std::move(events));
  }
  bool empty() const noexcept { return jobs_.empty(); }
  // True when the oldest batch can be taken without waiting, or must be because too many
  // events are waiting.
  bool front_due() const noexcept {
    return !jobs_.empty() && (jobs_.front().done() || events_ > max_events_);
  }
  // The oldest batch's verdicts, waiting for them if needed.
  asio::awaitable<VerifiedEvents> take() {
    VerificationJob job = std::move(jobs_.front());
    jobs_.pop_front();
    events_ -= job.size();
    co_return co_await job.result();
  }

 private:
  asio::thread_pool& pool_;
  asio::any_io_executor executor_;
  std::size_t max_events_;
  std::size_t events_ = 0;
  std::deque<VerificationJob> jobs_;
};

}  // namespace

bool RelaySyncReport::failed_with(FetchFailureKind kind) const {
  return end == StreamEnd::failed && failure && failure->kind == kind;
}

asio::awaitable<RelaySyncReport> sync_relay(const core::store::RelayCursor& cursor,
                                            const utils::TransportOptions& transport,
                                            const RelaySyncSettings& settings, asio::thread_pool& verify_pool,
                                            std::function<bool()> keep_going, BatchSink sink) {
  RelaySyncReport report;
  utils::RelayClientOptions client_options;
  client_options.transport = transport;
  client_options.keys = settings.keys;
  auto connected = co_await utils::RelayClient::connect(cursor.relay, std::move(client_options));
  if (!connected) {
    report.connect_error = connected.reason();
    co_return report;
  }
  report.connected = true;
  utils::RelayClient& client = connected.value();
  RelayEventFetcher fetcher(client, *settings.filters, settings.keys.has_value(), report.fetch);
  WindowStreamOptions window;
  window.start = cursor.timestamp;
  window.end = settings.end_time;
  window.limit = settings.limit;
  window.idle = settings.idle;
  window.max_held = kHeldWindows * settings.limit;
  WindowStream stream(fetcher, window, std::move(keep_going));
  CheckQueue checks(verify_pool, co_await asio::this_coro::executor, kCheckedWindows * settings.limit);
  bool sink_open = true;
  // Hands the checked batches over in order: those ready (all of them when `all`).
  auto hand_over = [&](bool all) -> asio::awaitable<void> {
    while (sink_open && (all ? !checks.empty() : checks.front_due())) {
      VerifiedEvents verified = co_await checks.take();
      report.fetch.bad_id += verified.bad_id;
      report.fetch.bad_signature += verified.bad_signature;
      std::vector<models::EventRelay> batch =
          to_observations(std::move(verified.valid), cursor.relay, models::unix_now(),
                          settings.max_event_size, report.ingest);
      report.events += batch.size();
      if (!batch.empty() && !co_await sink(std::move(batch))) sink_open = false;
    }
  };
  while (sink_open) {
    StreamStep step = co_await stream.next();
    if (step.end) {
      report.end = *step.end;
      report.failure = std::move(step.failure);
      break;
    }
    checks.add(std::move(step.events));
    co_await hand_over(false);
  }
  co_await hand_over(true);
  if (!sink_open) report.end = StreamEnd::stopped;
  report.splits = stream.splits();
  co_await client.close();
  co_return report;
}

}  // namespace bigbrotr::services::synchronizer
