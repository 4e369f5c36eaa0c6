#pragma once

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

// What probing one page of candidates decided.
struct ValidationPage {
  std::vector<models::Relay> valid;
  std::vector<core::store::Candidate> invalid;
};

// The cycle's counts so far, for gauges and progress lines.
struct ValidationTally {
  std::size_t eligible = 0;
  std::size_t validated = 0;
  std::size_t not_validated = 0;
};

class Validator final : public core::Service {
 public:
  Validator(core::ValidatorConfig config, core::ServiceContext context);

  models::ServiceName name() const noexcept override { return models::ServiceName::validator; }
  // Deletes candidates that are already relays and, if enabled, those failing too often.
  std::size_t cleanup() override;
  // Probes eligible candidates page by page until none is left, the max_candidates budget
  // is spent, or a stop is requested (the current page is still written).
  void run() override;

  // The transport options of each usable network, indexed by NetworkType; disabled or
  // misconfigured networks stay empty and their candidates are left for later.
  using NetworkOptions = std::array<std::optional<utils::TransportOptions>, 6>;

 private:
  NetworkOptions usable_networks() const;
  // Probes `page` concurrently under the per-network limits; blocks until every probe
  // has ended (each within 4 × its network timeout). After a stop request, probes that
  // have not started yet are skipped (their candidates are not written).
  // `tally` counts each verdict as it arrives and `progress` logs it at most every 10 s.
  ValidationPage probe(const std::vector<core::store::Candidate>& page, const NetworkOptions& networks,
                       ValidationTally& tally, core::ProgressLog& progress) const;
  void write(const ValidationPage& page, std::int64_t now);

  core::ValidatorConfig config_;
  core::ServiceContext context_;
};

}  // namespace bigbrotr::services
