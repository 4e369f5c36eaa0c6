#include "services/finder/api_phase.hpp"

#include <boost/json/object.hpp>

#include <chrono>
#include <map>
#include <string>
#include <unordered_set>

namespace bigbrotr::services::finder {
namespace {

using models::ServiceName;
using models::ServiceStateType;

// Last successful fetch per source URL; a missing or corrupt checkpoint counts as never.
std::map<std::string, std::int64_t> load_checkpoints(core::store::Store& store) {
  std::map<std::string, std::int64_t> checkpoints;
  for (const models::ServiceState& state :
       store.get_state(ServiceName::finder, ServiceStateType::checkpoint)) {
    const auto* timestamp = state.value().if_contains("timestamp");
    if (timestamp != nullptr && timestamp->is_int64()) checkpoints[state.key()] = timestamp->as_int64();
  }
  return checkpoints;
}

std::vector<models::ServiceState> checkpoint_states(const std::map<std::string, std::int64_t>& fetched) {
  std::vector<models::ServiceState> states;
  for (const auto& [url, timestamp] : fetched) {
    const boost::json::object value{{"timestamp", timestamp}};
    auto state = models::ServiceState::create(ServiceName::finder, ServiceStateType::checkpoint, url, value);
    if (state) states.push_back(std::move(state).value());
  }
  return states;
}

}  // namespace

ApiPhase::ApiPhase(const core::FinderApiConfig& config, const std::vector<RelayListExpression>& expressions,
                   SourceFetchOptions fetch_options, core::ServiceContext context)
    : config_(config),
      expressions_(expressions),
      fetch_options_(std::move(fetch_options)),
      context_(context) {}

ApiPhaseResult ApiPhase::run() {
  const auto& logger = context_.logger;
  ApiPhaseResult result;
  const auto checkpoints = load_checkpoints(context_.store);
  const auto cooldown = static_cast<std::int64_t>(config_.cooldown);
  const auto delay = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(config_.request_delay));
  std::map<std::string, std::int64_t> fetched;
  std::vector<models::Relay> relays;
  std::unordered_set<std::string> seen;
  bool first_fetch = true;
  for (std::size_t index = 0; index < config_.sources.size(); ++index) {
    const core::ApiSource& source = config_.sources[index];
    if (!source.enabled) continue;
    ++result.sources;
    if (context_.stop.stop_requested()) continue;
    const auto checkpoint = checkpoints.find(source.url);
    const std::int64_t now = models::unix_now();
    if (checkpoint != checkpoints.end() && now - checkpoint->second < cooldown) {
      ++result.cooling;
      continue;
    }
    if (!first_fetch && context_.stop.wait_for(delay)) continue;
    first_fetch = false;
    auto outcome = fetch_source(source, expressions_[index], fetch_options_);
    if (!outcome) {
      ++result.failed;
      logger.warning("api source failed", {{"source", source.url}, {"reason", outcome.reason()}});
      continue;
    }
    ++result.fetched;
    fetched[source.url] = now;
    const SourceRelays& found = outcome.value();
    if (!found.was_list)
      logger.warning("api source expression did not select a list", {{"source", source.url}});
    logger.info("api source fetched", {{"source", source.url},
                                       {"relays", found.relays.size()},
                                       {"invalid_urls", found.invalid_urls},
                                       {"non_strings", found.non_strings}});
    for (const models::Relay& relay : found.relays) {
      if (seen.insert(relay.url()).second) relays.push_back(relay);
    }
  }
  result.relays = relays.size();
  if (!fetched.empty()) context_.store.upsert_state(checkpoint_states(fetched));
  if (!relays.empty()) result.registered = context_.store.add_candidates(relays, models::unix_now());
  return result;
}

}  // namespace bigbrotr::services::finder
