#include "services/validator.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include <algorithm>

#include "core/service/progress_log.hpp"
#include "services/common/network_limiter.hpp"
#include "services/common/network_transport.hpp"
#include "services/common/run_concurrently.hpp"
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

struct ProbeOutcome {
  std::size_t index = 0;  // into the page
  bool valid = false;
};

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

ValidationPage Validator::probe(const std::vector<Candidate>& page, const NetworkOptions& options,
                                ValidationTally& tally, core::ProgressLog& progress) const {
  ValidationPage result;
  asio::io_context io;
  NetworkLimiter limiter(io.get_executor(), config_.networks);

  ConcurrentJob<std::size_t, ProbeOutcome> job;
  for (std::size_t index = 0; index < page.size(); ++index) job.items.push_back(index);
  // The page is already bounded by chunk_size; the network limiters bound the real work.
  job.bounds = ConcurrencyBounds{page.size(), page.size()};
  job.worker = [&](const std::size_t& index, Emitter<ProbeOutcome>& emit) -> asio::awaitable<void> {
    const models::Relay& relay = page[index].relay;
    const auto& transport = options.at(static_cast<std::size_t>(relay.network()));
    // The filter only yields candidates of usable networks; anything else waits.
    if (!transport) co_return;
    auto permit = co_await limiter.hold(relay.network());
    if (context_.stop.stop_requested()) co_return;
    const utils::RelayProbeResult verdict = co_await utils::is_nostr_relay(relay, *transport);
    context_.logger.debug("probed",
                          {{"relay", relay.url()}, {"valid", verdict.valid}, {"reason", verdict.reason}});
    ProbeOutcome outcome{index, verdict.valid};
    co_await emit(std::move(outcome));
  };
  const auto report = [&] {
    progress.update({{"validated", tally.validated},
                     {"not_validated", tally.not_validated},
                     {"eligible", tally.eligible}});
  };
  job.consume = [&](ProbeOutcome&& outcome) {
    if (outcome.valid) {
      result.valid.push_back(page[outcome.index].relay);
      ++tally.validated;
    } else {
      result.invalid.push_back(page[outcome.index]);
      ++tally.not_validated;
    }
    report();
  };
  job.on_failure = [&](const std::size_t& index, std::string_view what) {
    // An unexpected exception counts as an invalid probe (services.md §3).
    context_.logger.warning("probe failed", {{"relay", page[index].relay.url()}, {"error", what}});
    result.invalid.push_back(page[index]);
    ++tally.not_validated;
    report();
  };
  auto done = asio::co_spawn(io, run_concurrently(std::move(job)), asio::use_future);
  io.run();
  done.get();
  return result;
}

void Validator::write(const ValidationPage& page, std::int64_t now) {
  if (!page.valid.empty()) {
    // The relays' discovered_at is when they were proved to be relays.
    std::vector<models::Relay> relays;
    relays.reserve(page.valid.size());
    for (const models::Relay& relay : page.valid) {
      auto fresh = models::Relay::from_canonical(relay.url(), {true}, now);
      relays.push_back(fresh ? std::move(fresh).value() : relay);
    }
    context_.store.promote_candidates(relays);
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

  std::optional<std::int64_t> budget = config_.processing.max_candidates;
  core::ProgressLog progress(logger, "validation");
  while (!context_.stop.stop_requested() && (!budget || *budget > 0)) {
    std::size_t limit = static_cast<std::size_t>(config_.processing.chunk_size);
    if (budget) limit = std::min(limit, static_cast<std::size_t>(*budget));
    const std::vector<Candidate> page = context_.store.candidates(filter, limit);
    if (page.empty()) break;
    const ValidationPage outcome = probe(page, options, tally, progress);
    write(outcome, models::unix_now());
    if (budget) *budget -= static_cast<std::int64_t>(page.size());
    metrics.set_gauge("validated", static_cast<double>(tally.validated));
    metrics.set_gauge("not_validated", static_cast<double>(tally.not_validated));
  }
  progress.done({{"validated", tally.validated},
                 {"not_validated", tally.not_validated},
                 {"eligible", tally.eligible},
                 {"stopped", context_.stop.stop_requested()}});
}

}  // namespace bigbrotr::services
