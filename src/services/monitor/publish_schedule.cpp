#include "services/monitor/publish_schedule.hpp"

#include <boost/json/object.hpp>

#include <algorithm>
#include <stdexcept>

namespace bigbrotr::services::monitor {

std::vector<std::string> kept_checkpoint_keys(const core::MonitorConfig& config) {
  std::vector<std::string> keys;
  if (config.profile.enabled) keys.emplace_back(kProfileKey);
  if (config.relay_list.enabled) keys.emplace_back(kRelayListKey);
  if (config.announcement.enabled) keys.emplace_back(kAnnouncementKey);
  return keys;
}

bool is_due(std::optional<std::int64_t> last, std::int64_t now, double interval) {
  return !last || static_cast<double>(now - *last) >= interval;
}

std::optional<std::int64_t> checkpoint_timestamp(core::store::Store& store, std::string_view key) {
  const auto rows = store.get_state(models::ServiceName::monitor, models::ServiceStateType::checkpoint, key);
  if (rows.empty()) return std::nullopt;
  const auto* timestamp = rows.front().value().if_contains("timestamp");
  if (timestamp == nullptr) return std::nullopt;
  boost::system::error_code error;
  const auto seconds = timestamp->to_number<std::int64_t>(error);
  if (error) return std::nullopt;
  return seconds;
}

models::ServiceState checkpoint(std::string key, std::int64_t now) {
  boost::json::object value;
  value["timestamp"] = now;
  auto state = models::ServiceState::create(models::ServiceName::monitor,
                                            models::ServiceStateType::checkpoint, std::move(key), value);
  // Keys are relay URLs or the constants above, never empty nor holding NUL.
  if (!state) throw std::logic_error("monitor checkpoint: " + state.reason());
  return std::move(state).value();
}

std::vector<models::Relay> parse_targets(const std::vector<std::string>& urls, bool allow_local,
                                         const core::Logger& logger) {
  std::vector<models::Relay> targets;
  for (const std::string& url : urls) {
    auto relay = models::Relay::parse(url, models::RelayParseOptions{.allow_local = allow_local});
    if (!relay) {
      logger.warning("publishing relay dropped", {{"url", url}, {"reason", relay.reason()}});
      continue;
    }
    const bool seen =
        std::ranges::any_of(targets, [&](const models::Relay& r) { return r.url() == relay->url(); });
    if (!seen) targets.push_back(std::move(relay).value());
  }
  return targets;
}

}  // namespace bigbrotr::services::monitor
