#include "services/monitor/monitor_cycle.hpp"

#include <fmt/format.h>

#include <boost/asio/this_coro.hpp>

#include <algorithm>
#include <exception>
#include <limits>

#include "nips/events/relay_discovery_event.hpp"
#include "nips/relay_claims.hpp"
#include "services/common/network_transport.hpp"
#include "services/common/run_concurrently.hpp"
#include "services/monitor/check_selection.hpp"
#include "services/monitor/own_events.hpp"
#include "services/monitor/publish_schedule.hpp"

namespace bigbrotr::services::monitor {
namespace {

namespace asio = boost::asio;
using core::store::DueRelay;

// What one relay's check came to, handed from its worker to the chunk's consumer.
struct RelayOutcome {
  std::size_t index = 0;  // into the chunk
  StoredResults stored;
  std::optional<models::RelayStatusRecord> status;
  bool reachable = false;
};

bool any_succeeded(const nips::RelayCheckReport& report) {
  return std::ranges::any_of(report.results, [](const auto& entry) { return entry.second.succeeded(); });
}

std::optional<std::int64_t> round_trip(const nips::CheckResult* rtt, const char* field) {
  if (rtt == nullptr) return std::nullopt;
  const auto* value = rtt->data.if_contains(field);
  if (value == nullptr || !value->is_int64()) return std::nullopt;
  return value->get_int64();
}

// The status row of a checked relay, when the rtt probe judged one.
std::optional<models::RelayStatusRecord> status_record(const models::Relay& relay,
                                                       const nips::RelayCheckReport& report,
                                                       std::int64_t checked_at) {
  if (!report.status) return std::nullopt;
  const nips::CheckResult* rtt = report.find(models::MetadataType::nip66_rtt);
  return models::RelayStatusRecord{relay,
                                   checked_at,
                                   *report.status,
                                   round_trip(rtt, "rtt_open"),
                                   round_trip(rtt, "rtt_read"),
                                   round_trip(rtt, "rtt_write"),
                                   nips::claim_mismatches(report)};
}

}  // namespace

MonitorCycle::MonitorCycle(CycleInputs inputs)
    : in_(inputs), networks_(usable_networks()), started_at_(models::unix_now()) {}

MonitorCycle::NetworkOptions MonitorCycle::usable_networks() const {
  const auto& config = in_.config;
  NetworkOptions options;
  for (const models::NetworkType network : config.networks.enabled()) {
    auto transport = transport_for(config.networks, network, config.processing.allow_insecure);
    if (!transport) {
      in_.context.logger.warning("network unusable, its relays wait",
                                 {{"network", models::to_string(network)}, {"reason", transport.reason()}});
      continue;
    }
    nips::RelayCheckOptions check;
    check.transport = std::move(transport).value();
    check.timeout =
        std::chrono::milliseconds(static_cast<std::int64_t>(config.networks[network].timeout * 1000.0));
    check.keys = in_.keys;
    check.city_database = in_.geo.city ? &*in_.geo.city : nullptr;
    check.asn_database = in_.geo.asn ? &*in_.geo.asn : nullptr;
    check.geohash_precision = config.geo.geohash_precision;
    check.nip11_max_size = static_cast<std::size_t>(config.processing.nip11_info_max_size);
    options.at(static_cast<std::size_t>(network)) = std::move(check);
  }
  return options;
}

asio::awaitable<void> MonitorCycle::run() {
  PublishTally publish_tally(in_.context.logger, in_.context.metrics);
  PublishingClients clients(co_await asio::this_coro::executor, in_.config, in_.keys, in_.context.stop);
  std::exception_ptr failure;
  try {
    if (in_.publish) {
      const OwnEventsInputs own{in_.config, in_.context, clients, publish_tally, in_.keys, started_at_};
      co_await publish_own_events(own);
    }
    co_await check_due_relays(clients, publish_tally);
  } catch (...) {
    failure = std::current_exception();
  }
  co_await clients.close_all();
  if (failure) std::rethrow_exception(failure);
}

asio::awaitable<void> MonitorCycle::check_due_relays(PublishingClients& clients,
                                                     PublishTally& publish_tally) {
  const auto& config = in_.config;
  const auto& logger = in_.context.logger;
  std::vector<models::NetworkType> networks;
  for (const models::NetworkType network : models::all_network_types()) {
    if (networks_.at(static_cast<std::size_t>(network))) networks.push_back(network);
  }
  if (networks.empty()) {
    logger.warning("no usable network: nothing to check");
    co_return;
  }
  const auto checked_before = started_at_ - static_cast<std::int64_t>(config.discovery.interval);
  const std::size_t limit = config.processing.max_relays
                                ? static_cast<std::size_t>(*config.processing.max_relays)
                                : std::numeric_limits<std::size_t>::max();
  const std::vector<DueRelay> due = in_.context.store.due_relays(networks, checked_before, limit);
  tally_.total = due.size();
  update_gauges();
  logger.info("checks started", {{"due", due.size()}});

  const auto executor = co_await asio::this_coro::executor;
  NetworkLimiter limiter(executor, config.networks);
  std::optional<DiscoveryFanout> fanout;
  if (in_.publish && config.discovery.enabled) {
    auto targets =
        parse_targets(config.targets(config.discovery.relays), config.networks.local.enabled, logger);
    if (!targets.empty()) {
      fanout.emplace(
          executor, std::move(targets), clients,
          [&publish_tally](const models::Relay& target, const models::Event& event,
                           const PublishAttempt& attempt) { publish_tally.record(target, event, attempt); });
    }
  }
  const RelayCheckPlan plan{computed_types(config), &config.processing.retries, &in_.context.stop, &jitter_,
                            &in_.blocking_pool};
  core::ProgressLog progress(logger, "checks");
  const std::size_t chunk_size = static_cast<std::size_t>(std::max(config.processing.chunk_size, 1));
  DiscoveryFanout* const discovery = fanout ? &*fanout : nullptr;
  std::exception_ptr failure;
  try {
    for (std::size_t begin = 0; begin < due.size() && !in_.context.stop.stop_requested();
         begin += chunk_size) {
      const std::span<const DueRelay> chunk(due.data() + begin, std::min(chunk_size, due.size() - begin));
      const ChunkResults results = co_await check_chunk(chunk, plan, limiter, discovery, progress);
      store_chunk(results);
      update_gauges();
    }
  } catch (...) {
    failure = std::current_exception();
  }
  if (fanout) co_await fanout->finish();
  if (failure) std::rethrow_exception(failure);
  progress.done({{"succeeded", tally_.succeeded},
                 {"failed", tally_.failed},
                 {"up", tally_.up},
                 {"restricted", tally_.restricted},
                 {"down", tally_.down},
                 {"total", tally_.total},
                 {"published", publish_tally.published()},
                 {"accepted", publish_tally.accepted()},
                 {"publish_stopped", publish_tally.stopped()},
                 {"stopped", in_.context.stop.stop_requested()}});
}

asio::awaitable<MonitorCycle::ChunkResults> MonitorCycle::check_chunk(std::span<const DueRelay> chunk,
                                                                      const RelayCheckPlan& plan,
                                                                      NetworkLimiter& limiter,
                                                                      DiscoveryFanout* fanout,
                                                                      core::ProgressLog& progress) {
  const auto& logger = in_.context.logger;
  ChunkResults results;
  ConcurrentJob<std::size_t, RelayOutcome> job;
  for (std::size_t index = 0; index < chunk.size(); ++index) job.items.push_back(index);
  // The chunk bounds the items; the network limiters bound the real work.
  job.bounds = ConcurrencyBounds{chunk.size(), chunk.size()};
  job.should_start = [this] { return !in_.context.stop.stop_requested(); };
  job.worker = [&](const std::size_t& index, Emitter<RelayOutcome>& emit) -> asio::awaitable<void> {
    const models::Relay& relay = chunk[index].relay;
    auto permit = co_await limiter.hold(relay.network());
    if (in_.context.stop.stop_requested()) co_return;
    const std::int64_t generated_at = models::unix_now();
    nips::RelayCheckOptions options = *networks_.at(static_cast<std::size_t>(relay.network()));
    const std::optional<nips::RelayCheckReport> report =
        co_await check_relay(relay, std::move(options), plan);
    if (!report) co_return;
    // No 30166 for a relay that is down (docs/status.md): its last event ages out.
    const bool down = report->status && report->status->status == models::RelayStatus::down;
    if (fanout != nullptr && !down) {
      const nips::RelayChecks checks = discovery_checks(in_.config, *report);
      auto event = nips::build_relay_discovery(relay, checks, models::unix_now(), in_.keys.secret_key());
      if (event) {
        co_await fanout->enqueue(std::move(event).value());
      } else {
        logger.warning("kind 30166 not built", {{"relay", relay.url()}, {"reason", event.reason()}});
      }
    }
    RelayOutcome outcome;
    outcome.index = index;
    outcome.stored = stored_results(in_.config, relay, *report, generated_at);
    outcome.status = status_record(relay, *report, generated_at);
    outcome.reachable = report->status ? !down : any_succeeded(*report);
    co_await emit(std::move(outcome));
  };
  const auto report_progress = [&] {
    progress.update({{"succeeded", tally_.succeeded}, {"failed", tally_.failed}, {"total", tally_.total}});
  };
  job.consume = [&](RelayOutcome&& outcome) {
    const models::Relay& relay = chunk[outcome.index].relay;
    for (const RejectedResult& rejected : outcome.stored.rejected) {
      logger.warning(
          "check result not stored",
          {{"relay", relay.url()}, {"type", models::to_string(rejected.type)}, {"reason", rejected.reason}});
    }
    std::ranges::move(outcome.stored.records, std::back_inserter(results.records));
    results.checked.push_back(relay.url());
    ++tally_.checked;
    if (outcome.reachable) ++tally_.succeeded;
    if (outcome.status) {
      count_status(outcome.status->verdict);
      results.statuses.push_back(std::move(*outcome.status));
    }
    report_progress();
  };
  job.on_failure = [&](const std::size_t& index, std::string_view what) {
    // services.md §4: an exception at this level fails the relay, never the cycle.
    logger.warning("relay check failed", {{"relay", chunk[index].relay.url()}, {"error", what}});
    results.checked.push_back(chunk[index].relay.url());
    ++tally_.failed;
    report_progress();
  };
  co_await run_concurrently(std::move(job));
  co_return results;
}

void MonitorCycle::store_chunk(const ChunkResults& results) {
  auto& store = in_.context.store;
  if (!results.records.empty()) store.insert_relay_metadata(results.records);
  if (!results.statuses.empty()) store.insert_relay_statuses(results.statuses);
  const std::int64_t now = models::unix_now();
  std::vector<models::ServiceState> checkpoints;
  checkpoints.reserve(results.checked.size());
  for (const std::string& url : results.checked) checkpoints.push_back(checkpoint(url, now));
  if (!checkpoints.empty()) store.upsert_state(checkpoints);
}

void MonitorCycle::count_status(const models::StatusVerdict& verdict) {
  switch (verdict.status) {
    case models::RelayStatus::up: ++tally_.up; break;
    case models::RelayStatus::restricted: ++tally_.restricted; break;
    case models::RelayStatus::down: ++tally_.down; break;
  }
  // Counts by reason, e.g. service_counter_total{name="status_down_timeout"}; a declined
  // upgrade counts under "http" whatever its status, so the label set stays bounded.
  if (verdict.reason != models::StatusReason::none) {
    in_.context.metrics.increment_counter(fmt::format("status_{}_{}", models::to_string(verdict.status),
                                                      models::to_string(verdict.reason)));
  }
}

void MonitorCycle::update_gauges() {
  auto& metrics = in_.context.metrics;
  metrics.set_gauge("total", static_cast<double>(tally_.total));
  metrics.set_gauge("checked", static_cast<double>(tally_.checked));
  metrics.set_gauge("succeeded", static_cast<double>(tally_.succeeded));
  metrics.set_gauge("failed", static_cast<double>(tally_.failed));
  metrics.set_gauge("status_up", static_cast<double>(tally_.up));
  metrics.set_gauge("status_restricted", static_cast<double>(tally_.restricted));
  metrics.set_gauge("status_down", static_cast<double>(tally_.down));
}

}  // namespace bigbrotr::services::monitor
