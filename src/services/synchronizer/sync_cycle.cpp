#include "services/synchronizer/sync_cycle.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <algorithm>
#include <deque>
#include <exception>
#include <functional>
#include <string>
#include <thread>
#include <utility>

#include "core/service/progress_log.hpp"
#include "services/common/blocking_call.hpp"
#include "services/common/bounded_queue.hpp"
#include "services/common/network_transport.hpp"
#include "services/common/pool_priority.hpp"
#include "services/synchronizer/sync_buffer.hpp"

namespace bigbrotr::services::synchronizer {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using core::store::RelayCursor;

namespace {

// What a relay's turn hands the consumer: a batch, or (last) the end of the turn.
struct RelayOutput {
  std::string relay_url;
  std::vector<models::EventRelay> observations;
  bool last = false;
};

// Batches queued between the streams and the consumer. Each holds at most one window
// (≤ limit events). A few are enough for the writer to find the next batch ready; more
// only let the streams race ahead of it, and on a machine whose cores the verifiers fill
// that starves the writer, which then finishes alone (the sync benchmark on SQLite:
// 11.4 s with 256, 10.9 s with 4, and 40 MiB less peak RSS).
constexpr std::size_t kQueuedBatches = 4;

// How much lower than the I/O thread and the writer the signature checks are scheduled
// (pool_priority.hpp). Any positive value gives the writer the cores first; 5 leaves the
// checks a fair share against other programs on the machine.
constexpr int kVerifyNiceIncrement = 5;

void add_counters(FetchCounters& total, const FetchCounters& part) {
  total.requests += part.requests;
  total.bad_id += part.bad_id;
  total.bad_signature += part.bad_signature;
  total.unmatched += part.unmatched;
}

}  // namespace

// The state of one run(), shared by the coroutines on the I/O thread.
struct SyncCycle::Run {
  Run(const SyncCycle& cycle, std::size_t verify_threads)
      : owner(cycle),
        verify_pool(verify_threads),
        writer(1),
        queue(io.get_executor(), kQueuedBatches),
        deadline(Clock::now() + std::chrono::milliseconds(
                                    static_cast<std::int64_t>(cycle.config_.timeouts.max_duration * 1000.0))),
        progress(cycle.context_.logger, "synchronization") {}

  bool keep_going() const {
    return !owner.context_.stop.stop_requested() && Clock::now() < deadline && !consumer_failed;
  }

  asio::awaitable<void> lane(std::deque<RelayCursor>& relays, const utils::TransportOptions& transport);
  asio::awaitable<void> turn(const RelayCursor& cursor, const utils::TransportOptions& transport);
  asio::awaitable<void> consume();
  asio::awaitable<void> tick();
  void log_progress();
  asio::awaitable<void> flush();
  void report(const RelayCursor& cursor, const RelaySyncReport& report);

  const SyncCycle& owner;
  asio::io_context io;
  asio::thread_pool verify_pool;
  asio::thread_pool writer;
  BoundedQueue<RelayOutput> queue;
  Clock::time_point deadline;
  core::ProgressLog progress;
  SyncBuffer buffer;
  CycleTotals totals;
  std::size_t active_lanes = 0;
  bool consumer_failed = false;
  bool consumer_done = false;
  asio::steady_timer ticker{io};
};

std::size_t SyncCycle::default_verify_threads() { return std::max(1U, std::thread::hardware_concurrency()); }

SyncCycle::SyncCycle(const core::SynchronizerConfig& config, const RelaySyncSettings& settings,
                     core::ServiceContext context, std::size_t verify_threads)
    : config_(config),
      settings_(settings),
      context_(context),
      verify_threads_(std::max<std::size_t>(1, verify_threads)) {}

asio::awaitable<void> SyncCycle::Run::lane(std::deque<RelayCursor>& relays,
                                           const utils::TransportOptions& transport) {
  while (!relays.empty() && keep_going()) {
    const RelayCursor cursor = std::move(relays.front());
    relays.pop_front();
    try {
      co_await turn(cursor, transport);
    } catch (const std::exception& error) {
      owner.context_.logger.warning("relay turn failed",
                                    {{"relay", cursor.relay.url()}, {"error", error.what()}});
    }
  }
  if (--active_lanes == 0) queue.close();
}

asio::awaitable<void> SyncCycle::Run::turn(const RelayCursor& cursor,
                                           const utils::TransportOptions& transport) {
  const std::string url = cursor.relay.url();
  BatchSink sink = [this, &url](std::vector<models::EventRelay> batch) -> asio::awaitable<bool> {
    RelayOutput output{url, std::move(batch), false};
    co_return co_await queue.push(std::move(output));
  };
  std::function<bool()> keep = [this] { return keep_going(); };
  const RelaySyncReport outcome =
      co_await sync_relay(cursor, transport, owner.settings_, verify_pool, keep, sink);
  report(cursor, outcome);
  RelayOutput last{url, {}, true};
  co_await queue.push(std::move(last));
}

void SyncCycle::Run::report(const RelayCursor& cursor, const RelaySyncReport& outcome) {
  const core::Logger& logger = owner.context_.logger;
  auto& metrics = owner.context_.metrics;
  add_counters(totals.fetch, outcome.fetch);
  totals.ingest.oversized += outcome.ingest.oversized;
  totals.ingest.unstorable += outcome.ingest.unstorable;
  metrics.increment_counter("events_bad_id", static_cast<double>(outcome.fetch.bad_id));
  metrics.increment_counter("events_bad_signature", static_cast<double>(outcome.fetch.bad_signature));
  metrics.increment_counter("events_unmatched", static_cast<double>(outcome.fetch.unmatched));
  metrics.increment_counter("events_oversized", static_cast<double>(outcome.ingest.oversized));
  metrics.increment_counter("events_unstorable", static_cast<double>(outcome.ingest.unstorable));
  const std::string& url = cursor.relay.url();
  if (!outcome.connected) {
    ++totals.connect_failed;
    metrics.increment_counter("relays_connect_failed");
    logger.warning("relay unreachable", {{"relay", url}, {"error", outcome.connect_error}});
    return;
  }
  if (outcome.failed_with(FetchFailureKind::auth_unavailable)) {
    ++totals.auth_unavailable;
    metrics.increment_counter("relays_auth_unavailable");
    logger.warning("relay requires AUTH and no private key is configured",
                   {{"relay", url}, {"relay_message", outcome.failure->reason}});
  } else if (outcome.failed_with(FetchFailureKind::auth_rejected)) {
    ++totals.auth_rejected;
    metrics.increment_counter("relays_auth_rejected");
    logger.warning("relay refused our AUTH", {{"relay", url}, {"relay_message", outcome.failure->reason}});
  } else if (outcome.end == StreamEnd::failed) {
    ++totals.stream_failed;
    metrics.increment_counter("relays_stream_failed");
    logger.warning("relay stream failed", {{"relay", url},
                                           {"reason", outcome.failure ? outcome.failure->reason : ""},
                                           {"events", outcome.events}});
  }
  const std::size_t invalid = outcome.fetch.bad_id + outcome.fetch.bad_signature;
  if (invalid > 0) {
    logger.warning(
        "relay served invalid events",
        {{"relay", url}, {"bad_id", outcome.fetch.bad_id}, {"bad_signature", outcome.fetch.bad_signature}});
  }
  logger.debug("relay synchronized", {{"relay", url},
                                      {"end", to_string(outcome.end)},
                                      {"events", outcome.events},
                                      {"requests", outcome.fetch.requests},
                                      {"splits", outcome.splits},
                                      {"unmatched", outcome.fetch.unmatched},
                                      {"oversized", outcome.ingest.oversized},
                                      {"unstorable", outcome.ingest.unstorable}});
}

asio::awaitable<void> SyncCycle::Run::flush() {
  if (buffer.empty()) co_return;
  core::store::Store& store = owner.context_.store;
  auto write = [&store, batch = buffer.take()] { return batch.write(store); };
  totals.rows_inserted += co_await run_blocking(writer, std::move(write));
  ++totals.flushes;
  // What reached the archive, beside events_seen (what arrived): duplicates are not rows.
  owner.context_.metrics.set_gauge("rows_inserted", static_cast<double>(totals.rows_inserted));
}

void SyncCycle::Run::log_progress() {
  progress.update({{"relays_seen", totals.relays_seen},
                   {"relays", totals.relays},
                   {"events_seen", totals.events_seen},
                   {"inserted", totals.rows_inserted}});
}

// Keeps the progress line coming while relays are being narrowed down and nothing
// arrives (ProgressLog decides when a line is due).
asio::awaitable<void> SyncCycle::Run::tick() {
  while (!consumer_done) {
    ticker.expires_after(std::chrono::seconds(1));
    co_await ticker.async_wait(asio::as_tuple(asio::use_awaitable));
    log_progress();
  }
}

asio::awaitable<void> SyncCycle::Run::consume() {
  auto& metrics = owner.context_.metrics;
  const auto batch_size = static_cast<std::size_t>(owner.config_.processing.batch_size);
  try {
    while (true) {
      std::optional<RelayOutput> output = co_await queue.pop();
      if (!output) break;
      totals.events_seen += output->observations.size();
      buffer.add(output->relay_url, std::move(output->observations));
      if (output->last) ++totals.relays_seen;
      metrics.set_gauge("events_seen", static_cast<double>(totals.events_seen));
      metrics.set_gauge("relays_seen", static_cast<double>(totals.relays_seen));
      if (buffer.size() >= batch_size) co_await flush();
      log_progress();
    }
    co_await flush();
  } catch (...) {
    // A store failure fails the cycle; the streams stop at their next request and
    // their pushes are refused, so the lanes wind down without waiting for us.
    consumer_failed = true;
    consumer_done = true;
    ticker.cancel();
    queue.close();
    throw;
  }
  consumer_done = true;
  ticker.cancel();
}

CycleTotals SyncCycle::run(std::vector<RelayCursor> cursors) {
  Run state(*this, verify_threads_);
  lower_pool_priority(state.verify_pool, verify_threads_, kVerifyNiceIncrement);
  state.totals.relays = cursors.size();
  // Per-network lanes rather than one pool of lanes behind per-network semaphores: a lane
  // never waits on a busy network while another network has relays and free slots.
  std::array<std::deque<RelayCursor>, 6> by_network;
  std::array<std::optional<utils::TransportOptions>, 6> transports;
  NetworkSkips skips;
  for (RelayCursor& cursor : cursors) {
    const auto network = cursor.relay.network();
    const auto index = static_cast<std::size_t>(network);
    if (!transports.at(index)) {
      auto transport = transport_for(config_.networks, network, config_.processing.allow_insecure);
      if (!transport) {
        skips.add(network, transport.reason());
        continue;
      }
      transports.at(index) = std::move(transport).value();
    }
    by_network.at(index).push_back(std::move(cursor));
  }
  skips.log(context_.logger);
  state.totals.relays_skipped = skips.total();

  auto executor = state.io.get_executor();
  for (const models::NetworkType network : models::all_network_types()) {
    const auto index = static_cast<std::size_t>(network);
    auto& relays = by_network.at(index);
    if (relays.empty()) continue;
    const auto max_tasks = static_cast<std::size_t>(std::max(1, config_.networks[network].max_tasks));
    const std::size_t lanes = std::min(max_tasks, relays.size());
    state.active_lanes += lanes;
    for (std::size_t lane = 0; lane < lanes; ++lane) {
      asio::co_spawn(executor, state.lane(relays, *transports.at(index)), asio::detached);
    }
  }
  if (state.active_lanes == 0) state.queue.close();
  auto consumed = asio::co_spawn(executor, state.consume(), asio::use_future);
  asio::co_spawn(executor, state.tick(), asio::detached);
  state.io.run();
  state.verify_pool.join();
  state.writer.join();
  consumed.get();
  state.totals.stopped = context_.stop.stop_requested() || Clock::now() >= state.deadline;
  state.progress.done({{"relays_seen", state.totals.relays_seen},
                       {"relays", state.totals.relays},
                       {"events_seen", state.totals.events_seen},
                       {"inserted", state.totals.rows_inserted},
                       {"stopped", state.totals.stopped}});
  return state.totals;
}

}  // namespace bigbrotr::services::synchronizer
