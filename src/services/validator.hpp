#pragma once

#include <boost/asio/awaitable.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/config/validator_config.hpp"
#include "core/service/progress_log.hpp"
#include "core/service/service.hpp"
#include "core/service/service_context.hpp"
#include "core/store/store.hpp"
#include "models/relay.hpp"
#include "utils/transport/transport_options.hpp"

// The validator (services.md §3): probes `validator/checkpoint` candidates and promotes
// those that speak Nostr to relays; the others get failures + 1 and are retried after
// processing.interval, until cleanup drops them at cleanup.max_failures.
namespace bigbrotr::services {

// A candidate proved to be a relay, with the status its probe saw (up, or restricted with
// the reason: a relay that refuses us is still a relay; docs/status.md).
struct ProvedRelay {
  models::Relay relay;
  models::StatusVerdict status;
};

// What probing one page of candidates decided.
struct ValidationPage {
  std::vector<ProvedRelay> valid;
  std::vector<core::store::Candidate> invalid;
};

// The cycle's counts so far, for gauges and progress lines.
struct ValidationTally {
  std::size_t eligible = 0;
  std::size_t validated = 0;  // of which `restricted` were restricted
  std::size_t restricted = 0;
  std::size_t not_validated = 0;
};

class Validator final : public core::Service {
 public:
  Validator(core::ValidatorConfig config, core::ServiceContext context);

  models::ServiceName name() const noexcept override { return models::ServiceName::validator; }
  // Deletes candidates that are already relays and, if enabled, those failing too often.
  std::size_t cleanup() override;
  // Probes eligible candidates until none is left, the max_candidates budget is spent, or
  // a stop is requested (probes already running are still written).
  void run() override;

  // The transport options of each usable network, indexed by NetworkType; disabled or
  // misconfigured networks stay empty and their candidates are left for later.
  using NetworkOptions = std::array<std::optional<utils::TransportOptions>, 6>;

 private:
  struct Flow;

  NetworkOptions usable_networks() const;
  // Keeps up to processing.chunk_size candidates being probed (the per-network limits
  // bound the real concurrency), writing the verdicts and refilling from the store
  // whenever half of them have finished. A slow probe so delays only
  // its own candidate: waiting page by page, every page waited for its slowest probe (up
  // to 4 × its network timeout), which ruled the pace of a cycle over dead relays. After
  // a stop request nothing new starts and probes that hold no network slot yet are
  // skipped (their candidates are not written); running probes finish and are written.
  boost::asio::awaitable<void> validate(const core::store::CandidateFilter& filter, const NetworkOptions& networks,
                                        ValidationTally& tally, core::ProgressLog& progress);
  // Starts probes for up to chunk − running eligible candidates (within the budget, which
  // it spends); returns how many started.
  std::size_t start_probes(Flow& flow, std::size_t chunk, std::optional<std::int64_t>& budget);
  boost::asio::awaitable<void> probe(core::store::Candidate candidate, const utils::TransportOptions& transport,
                                     Flow& flow);
  void write(const ValidationPage& page, std::int64_t now);

  core::ValidatorConfig config_;
  core::ServiceContext context_;
};

}  // namespace bigbrotr::services
