#include "services/validator.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/use_future.hpp>

#include <algorithm>
#include <exception>
#include <string>
#include <unordered_set>

#include "core/service/progress_log.hpp"
#include "services/common/network_limiter.hpp"
#include "services/common/network_transport.hpp"
#include "utils/transport/relay_probe.hpp"

namespace bigbrotr::services {
namespace {

namespace asio = boost::asio;
using core::store::Candidate;

core::store::CandidateFilter eligible_filter(const Validator::NetworkOptions& options,
                                             double retry_interval) {
  core::store::CandidateFilter filter;
  for (const models::NetworkType network : models::all_network_types()) {
    if (options.at(static_cast<std::size_t>(network))) filter.networks.push_back(network);
  }
  filter.retry_before = models::unix_now() - static_cast<std::int64_t>(retry_interval);
  return filter;
}

}  // namespace

Validator::Validator(core::ValidatorConfig config, core::ServiceContext context)
    : config_(std::move(config)), context_(context) {}

std::size_t Validator::cleanup() {
  std::size_t removed = context_.store.delete_promoted_candidates();
  if (config_.cleanup.enabled)
    removed += context_.store.delete_exhausted_candidates(config_.cleanup.max_failures);
  if (removed > 0) context_.logger.info("candidates cleaned up", {{"removed", removed}});
  return removed;
}

Validator::NetworkOptions Validator::usable_networks() const {
  NetworkOptions options;
  for (const models::NetworkType network : config_.networks.enabled()) {
    auto transport = transport_for(config_.networks, network, config_.processing.allow_insecure);
    if (!transport) {
      context_.logger.warning("network unusable, its candidates wait",
                              {{"network", models::to_string(network)}, {"reason", transport.reason()}});
      continue;
    }
    options.at(static_cast<std::size_t>(network)) = std::move(transport).value();
  }
  return options;
}

// What validate() shares with its probes. Everything runs on one thread, so a probe's
// verdict lands while validate() waits on `wake`.
struct Validator::Flow {
  Flow(const asio::any_io_executor& executor, const core::store::CandidateFilter& eligible,
       const NetworkOptions& usable, const core::NetworksConfig& limits, ValidationTally& counts,
       core::ProgressLog& log)
      : filter(eligible), networks(usable), limiter(executor, limits), wake(executor), tally(counts), progress(log) {
    wake.expires_at(asio::steady_timer::time_point::max());
  }

  void report() {
    progress.update({{"validated", tally.validated},
                     {"restricted", tally.restricted},
                     {"not_validated", tally.not_validated},
                     {"eligible", tally.eligible}});
  }

  const core::store::CandidateFilter& filter;
  const NetworkOptions& networks;
  NetworkLimiter limiter;
  asio::steady_timer wake;  // never expires: a finished probe cancels the wait
  std::unordered_set<std::string> in_flight;  // urls being probed
  ValidationPage verdicts;                    // not yet written
  ValidationTally& tally;
  core::ProgressLog& progress;
};

asio::awaitable<void> Validator::probe(Candidate candidate, const utils::TransportOptions& transport, Flow& flow) {
  const std::string url = candidate.relay.url();
  try {
    auto permit = co_await flow.limiter.hold(candidate.relay.network());
    if (!context_.stop.stop_requested()) {
      const utils::RelayProbeResult verdict = co_await utils::is_nostr_relay(candidate.relay, transport);
      context_.logger.debug("probed", {{"relay", url},
                                       {"valid", verdict.valid},
                                       {"status", models::to_string(verdict.status.status)},
                                       {"reason", verdict.reason}});
      if (verdict.valid) {
        if (verdict.status.status == models::RelayStatus::restricted) ++flow.tally.restricted;
        flow.verdicts.valid.push_back(ProvedRelay{candidate.relay, verdict.status});
        ++flow.tally.validated;
      } else {
        flow.verdicts.invalid.push_back(std::move(candidate));
        ++flow.tally.not_validated;
      }
      flow.report();
    }
  } catch (const std::exception& error) {
    // An unexpected exception counts as an invalid probe (services.md §3).
    context_.logger.warning("probe failed", {{"relay", url}, {"error", error.what()}});
    flow.verdicts.invalid.push_back(std::move(candidate));
    ++flow.tally.not_validated;
    flow.report();
  }
  flow.in_flight.erase(url);
  flow.wake.cancel();
}

std::size_t Validator::start_probes(Flow& flow, std::size_t chunk, std::optional<std::int64_t>& budget) {
  std::size_t wanted = chunk - flow.in_flight.size();
  if (budget) wanted = std::min(wanted, static_cast<std::size_t>(std::max<std::int64_t>(0, *budget)));
  if (wanted == 0) return 0;
  // The candidates being probed are still eligible (not written yet): ask for as many more
  // as there are of them, and skip them.
  const std::vector<Candidate> page = context_.store.candidates(flow.filter, wanted + flow.in_flight.size());
  std::size_t started = 0;
  for (const Candidate& candidate : page) {
    if (started == wanted) break;
    const auto& transport = flow.networks.at(static_cast<std::size_t>(candidate.relay.network()));
    // The filter only yields candidates of usable networks; anything else waits.
    if (!transport) continue;
    if (!flow.in_flight.insert(candidate.relay.url()).second) continue;
    asio::co_spawn(flow.wake.get_executor(), probe(candidate, *transport, flow), asio::detached);
    ++started;
  }
  if (budget) *budget -= static_cast<std::int64_t>(started);
  return started;
}

asio::awaitable<void> Validator::validate(const core::store::CandidateFilter& filter, const NetworkOptions& networks,
                                          ValidationTally& tally, core::ProgressLog& progress) {
  Flow flow(co_await asio::this_coro::executor, filter, networks, config_.networks, tally, progress);
  auto& metrics = context_.metrics;
  const auto chunk = static_cast<std::size_t>(config_.processing.chunk_size);
  std::optional<std::int64_t> budget = config_.processing.max_candidates;
  bool exhausted = false;
  const auto write_verdicts = [&] {
    write(flow.verdicts, models::unix_now());
    flow.verdicts = {};
    metrics.set_gauge("validated", static_cast<double>(tally.validated));
    metrics.set_gauge("validated_restricted", static_cast<double>(tally.restricted));
    metrics.set_gauge("not_validated", static_cast<double>(tally.not_validated));
  };
  // A store failure fails the cycle, but only once the running probes, which use `flow`,
  // have ended: nothing new starts meanwhile and their verdicts are dropped (the
  // candidates stay eligible for the next cycle).
  std::exception_ptr failure;
  while (true) {
    if (flow.in_flight.size() <= chunk / 2 && !failure) {
      try {
        // Written first, so the store no longer offers the candidates just decided.
        write_verdicts();
        if (!exhausted && !context_.stop.stop_requested()) exhausted = start_probes(flow, chunk, budget) == 0;
      } catch (...) {
        failure = std::current_exception();
      }
    }
    if (flow.in_flight.empty()) break;
    co_await flow.wake.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  if (failure) std::rethrow_exception(failure);
  write_verdicts();
}

void Validator::write(const ValidationPage& page, std::int64_t now) {
  if (!page.valid.empty()) {
    // The relays' discovered_at is when they were proved to be relays; the probe that
    // proved it is their first status row.
    std::vector<models::Relay> relays;
    std::vector<models::RelayStatusRecord> statuses;
    relays.reserve(page.valid.size());
    statuses.reserve(page.valid.size());
    for (const ProvedRelay& proved : page.valid) {
      auto fresh = models::Relay::from_canonical(proved.relay.url(), {true}, now);
      relays.push_back(fresh ? std::move(fresh).value() : proved.relay);
      statuses.push_back(models::RelayStatusRecord{relays.back(), now, proved.status, {}, {}, {}, {}});
    }
    context_.store.promote_candidates(relays);
    context_.store.insert_relay_statuses(statuses);
  }
  if (!page.invalid.empty()) context_.store.record_candidate_failures(page.invalid, now);
}

void Validator::run() {
  const auto& logger = context_.logger;
  auto& metrics = context_.metrics;
  const NetworkOptions options = usable_networks();
  const core::store::CandidateFilter filter = eligible_filter(options, config_.processing.interval);
  if (filter.networks.empty()) {
    logger.warning("no enabled network: nothing to validate");
    return;
  }
  ValidationTally tally;
  tally.eligible = context_.store.count_candidates(filter);
  metrics.set_gauge("total", static_cast<double>(tally.eligible));
  metrics.set_gauge("validated", 0);
  metrics.set_gauge("not_validated", 0);
  logger.info("validation started", {{"eligible", tally.eligible}});

  core::ProgressLog progress(logger, "validation");
  asio::io_context io;
  auto done = asio::co_spawn(io, validate(filter, options, tally, progress), asio::use_future);
  io.run();
  done.get();
  progress.done({{"validated", tally.validated},
                 {"restricted", tally.restricted},
                 {"not_validated", tally.not_validated},
                 {"eligible", tally.eligible},
                 {"stopped", context_.stop.stop_requested()}});
}

}  // namespace bigbrotr::services
