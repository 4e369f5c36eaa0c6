#include "services/finder.hpp"

#include <stdexcept>

#include "services/finder/api_phase.hpp"
#include "services/finder/event_phase.hpp"

namespace bigbrotr::services {
namespace {

std::vector<finder::RelayListExpression> compile_expressions(const core::FinderApiConfig& api) {
  std::vector<finder::RelayListExpression> expressions;
  for (const core::ApiSource& source : api.sources) {
    auto expression = finder::RelayListExpression::parse(source.expression);
    if (!expression) {
      throw std::invalid_argument("finder: api source " + source.url + ": expression '" + source.expression +
                                  "': " + expression.reason());
    }
    expressions.push_back(std::move(expression).value());
  }
  return expressions;
}

}  // namespace

Finder::Finder(core::FinderConfig config, models::RelayParseOptions parse_options,
               core::ServiceContext context)
    : config_(std::move(config)),
      parse_options_(parse_options),
      context_(context),
      expressions_(compile_expressions(config_.api)) {}

std::size_t Finder::cleanup() {
  auto& store = context_.store;
  std::vector<std::string> source_urls;
  source_urls.reserve(config_.api.sources.size());
  for (const core::ApiSource& source : config_.api.sources) source_urls.push_back(source.url);
  const std::size_t cursors =
      store.delete_stale_state(models::ServiceName::finder, models::ServiceStateType::cursor, {});
  const std::size_t checkpoints = store.delete_stale_state(models::ServiceName::finder,
                                                           models::ServiceStateType::checkpoint, source_urls);
  if (cursors + checkpoints > 0) {
    context_.logger.info("finder state cleaned up", {{"cursors", cursors}, {"checkpoints", checkpoints}});
  }
  return cursors + checkpoints;
}

void Finder::run() {
  if (config_.api.enabled && !context_.stop.stop_requested()) run_api_phase();
  if (config_.events.enabled && !context_.stop.stop_requested()) run_event_phase();
}

void Finder::run_api_phase() {
  finder::SourceFetchOptions options;
  options.max_response_size = static_cast<std::size_t>(config_.api.max_response_size);
  options.parse_options = parse_options_;
  options.extra_ca_file = extra_ca_file_;
  const finder::ApiPhaseResult result = finder::ApiPhase(config_.api, expressions_, options, context_).run();
  context_.metrics.set_gauge("total_sources", static_cast<double>(result.sources));
  context_.metrics.set_gauge("sources_fetched", static_cast<double>(result.fetched));
  context_.metrics.set_gauge("candidates_found_from_api", static_cast<double>(result.registered));
  context_.logger.info("api phase done", {{"sources", result.sources},
                                          {"fetched", result.fetched},
                                          {"cooling_down", result.cooling},
                                          {"failed", result.failed},
                                          {"relays", result.relays},
                                          {"new_candidates", result.registered}});
}

void Finder::run_event_phase() {
  const finder::EventPhaseResult result = finder::EventPhase(config_.events, parse_options_, context_).run();
  context_.metrics.set_gauge("relays_seen", static_cast<double>(result.relays_seen));
  context_.metrics.set_gauge("rows_seen", static_cast<double>(result.rows_seen));
  context_.metrics.set_gauge("candidates_found_from_events", static_cast<double>(result.registered));
  context_.logger.info("events phase done", {{"relays", result.relays},
                                             {"relays_seen", result.relays_seen},
                                             {"rows_seen", result.rows_seen},
                                             {"relays_found", result.relays_found},
                                             {"new_candidates", result.registered},
                                             {"failed", result.failed}});
}

}  // namespace bigbrotr::services
