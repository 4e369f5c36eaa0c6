#pragma once

#include <cstddef>
#include <vector>

#include "core/config/finder_config.hpp"
#include "core/service/service_context.hpp"
#include "services/finder/api_source_fetch.hpp"
#include "services/finder/relay_list_expression.hpp"

// The finder's API phase (services.md §2): fetch each enabled source whose cooldown has
// passed, one after the other with request_delay between fetches, then store the new
// checkpoints and register the relays found as candidates.
namespace bigbrotr::services::finder {

struct ApiPhaseResult {
  std::size_t sources = 0;     // enabled sources
  std::size_t fetched = 0;     // fetched successfully this cycle
  std::size_t cooling = 0;     // skipped: fetched less than `cooldown` ago
  std::size_t failed = 0;      // fetch, HTTP or JSON failures (retried next cycle)
  std::size_t relays = 0;      // distinct relays collected from the fetched sources
  std::size_t registered = 0;  // of those, new candidates
};

class ApiPhase {
 public:
  // `expressions[i]` is the compiled expression of `config.sources[i]`. Borrows
  // everything; `context` must outlive the phase.
  ApiPhase(const core::FinderApiConfig& config, const std::vector<RelayListExpression>& expressions,
           SourceFetchOptions fetch_options, core::ServiceContext context);

  // Blocks for the whole phase; returns early (still storing what was fetched) when a
  // stop is requested. Store failures throw.
  ApiPhaseResult run();

 private:
  const core::FinderApiConfig& config_;
  const std::vector<RelayListExpression>& expressions_;
  SourceFetchOptions fetch_options_;
  core::ServiceContext context_;
};

}  // namespace bigbrotr::services::finder
