#include "services/finder/event_phase.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/service/progress_log.hpp"
#include "services/common/blocking_call.hpp"
#include "services/common/run_concurrently.hpp"
#include "services/finder/tag_relays.hpp"

namespace bigbrotr::services::finder {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;
using core::store::RelayCursor;

std::chrono::milliseconds to_milliseconds(double seconds) {
  return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000.0));
}

// One page of one relay's scan, as the worker hands it to the parent.
struct ScanPage {
  std::string relay_url;
  std::vector<models::Relay> relays;  // de-duplicated per row, not across rows
  std::size_t rows = 0;
  std::int64_t cursor_timestamp = 0;  // the last row's (seen_at, event_id); 0 = no row
  std::string cursor_id;
  bool last = false;  // the relay's scan ends with this page
};

// What the parent buffers between flushes.
class DiscoveryBuffer {
 public:
  void add(ScanPage&& page) {
    for (models::Relay& relay : page.relays) {
      if (seen_.insert(relay.url()).second) relays_.push_back(std::move(relay));
    }
    if (page.cursor_timestamp > 0)
      cursors_[page.relay_url] = {page.cursor_timestamp, std::move(page.cursor_id)};
  }
  std::size_t relays() const noexcept { return relays_.size(); }

  // Registers the buffered relays, then stores the cursors that cover them; returns the
  // number of new candidates.
  std::size_t flush(core::store::Store& store) {
    std::size_t registered = 0;
    if (!relays_.empty()) registered = store.add_candidates(relays_, models::unix_now());
    std::vector<models::ServiceState> states;
    for (const auto& [url, cursor] : cursors_) {
      const boost::json::object value{{"timestamp", cursor.first}, {"id", cursor.second}};
      auto state = models::ServiceState::create(models::ServiceName::finder, models::ServiceStateType::cursor,
                                                url, value);
      if (state) states.push_back(std::move(state).value());
    }
    if (!states.empty()) store.upsert_state(states);
    relays_.clear();
    seen_.clear();
    cursors_.clear();
    return registered;
  }

 private:
  std::vector<models::Relay> relays_;
  std::unordered_set<std::string> seen_;
  std::map<std::string, std::pair<std::int64_t, std::string>> cursors_;
};

}  // namespace

EventPhase::EventPhase(const core::FinderEventsConfig& config, models::RelayParseOptions parse_options,
                       core::ServiceContext context)
    : config_(config), parse_options_(parse_options), context_(context) {}

EventPhaseResult EventPhase::run() {
  const auto& logger = context_.logger;
  auto& store = context_.store;
  EventPhaseResult result;
  std::vector<RelayCursor> cursors = store.relay_cursors(models::ServiceName::finder);
  result.relays = cursors.size();
  if (cursors.empty()) return result;

  const auto started = Clock::now();
  const auto phase_budget = to_milliseconds(config_.max_duration);
  const auto relay_budget = to_milliseconds(config_.max_relay_time);
  const auto scan_size = static_cast<std::size_t>(config_.scan_size);
  const auto parallel = static_cast<std::size_t>(config_.parallel_relays);
  asio::io_context io;
  asio::thread_pool queries(std::min(parallel, kMaxQueryThreads));
  DiscoveryBuffer buffer;
  core::ProgressLog progress(logger, "event scan");

  ConcurrentJob<RelayCursor, ScanPage> job;
  job.items = std::move(cursors);
  job.bounds = ConcurrencyBounds{parallel, parallel};
  job.should_start = [&] { return !context_.stop.stop_requested() && Clock::now() - started < phase_budget; };
  job.worker = [&](const RelayCursor& start, Emitter<ScanPage>& emit) -> asio::awaitable<void> {
    const auto relay_started = Clock::now();
    std::int64_t after_seen_at = start.timestamp;
    std::string after_id = start.event_id;
    const std::string url = start.relay.url();
    while (true) {
      // A named local, not a temporary: g++ 12 destroys temporaries holding strings inside a
      // co_await expression twice.
      auto scan = [&store, &url, after_seen_at, after_id, scan_size] {
        return store.scan_tag_values(url, after_seen_at, after_id, scan_size);
      };
      auto rows = co_await run_blocking(queries, std::move(scan));
      ScanPage page;
      page.relay_url = url;
      page.rows = rows.size();
      const std::int64_t now = models::unix_now();
      for (const core::store::TagScanRow& row : rows) {
        auto found = relays_in_tag_values(row.tag_values, parse_options_, now);
        std::move(found.begin(), found.end(), std::back_inserter(page.relays));
      }
      if (!rows.empty()) {
        after_seen_at = page.cursor_timestamp = rows.back().seen_at;
        after_id = page.cursor_id = rows.back().event_id;
      }
      page.last = rows.size() < scan_size || context_.stop.stop_requested() ||
                  Clock::now() - relay_started >= relay_budget;
      const bool last = page.last;
      if (!co_await emit(std::move(page)) || last) co_return;
    }
  };
  job.consume = [&](ScanPage&& page) {
    result.rows_seen += page.rows;
    result.relays_found += page.relays.size();
    if (page.last) ++result.relays_seen;
    buffer.add(std::move(page));
    if (buffer.relays() >= static_cast<std::size_t>(config_.batch_size))
      result.registered += buffer.flush(store);
    progress.update({{"relays_seen", result.relays_seen},
                     {"relays", result.relays},
                     {"rows_seen", result.rows_seen},
                     {"candidates", result.registered}});
  };
  job.on_failure = [&](const RelayCursor& relay, std::string_view what) {
    ++result.failed;
    logger.warning("relay scan failed", {{"relay", relay.relay.url()}, {"error", what}});
  };
  auto done = asio::co_spawn(io, run_concurrently(std::move(job)), asio::use_future);
  io.run();
  queries.join();
  done.get();
  result.registered += buffer.flush(store);
  progress.done({{"relays_seen", result.relays_seen},
                 {"relays", result.relays},
                 {"rows_seen", result.rows_seen},
                 {"candidates", result.registered},
                 {"failed", result.failed}});
  return result;
}

}  // namespace bigbrotr::services::finder
