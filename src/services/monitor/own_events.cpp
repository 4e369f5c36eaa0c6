#include "services/monitor/own_events.hpp"

#include <optional>
#include <string_view>
#include <vector>

#include "nips/events/monitor_events.hpp"
#include "services/monitor/check_selection.hpp"
#include "services/monitor/publish_schedule.hpp"

namespace bigbrotr::services::monitor {
namespace {

struct OwnEvent {
  std::string_view key;  // the checkpoint key
  bool enabled = false;
  double interval = 0;
  const std::optional<std::vector<std::string>>& relays;
};

bool allow_local(const core::MonitorConfig& config) { return config.networks.local.enabled; }

models::Event build(std::string_view key, const OwnEventsInputs& in) {
  const auto& secret = in.keys.secret_key();
  if (key == kProfileKey) return nips::build_profile(profile_of(in.config.profile), in.now, secret);
  if (key == kRelayListKey) {
    const auto listed = parse_targets(in.config.targets(in.config.relay_list.relays), allow_local(in.config),
                                      in.context.logger);
    return nips::build_relay_list(listed, in.now, secret);
  }
  return nips::build_monitor_announcement(announcement_of(in.config), in.now, secret);
}

boost::asio::awaitable<void> publish_one(const OwnEvent& own, const OwnEventsInputs& in) {
  const auto& logger = in.context.logger;
  if (!own.enabled) co_return;
  const std::vector<models::Relay> targets =
      parse_targets(in.config.targets(own.relays), allow_local(in.config), logger);
  if (targets.empty()) co_return;
  if (!is_due(checkpoint_timestamp(in.context.store, own.key), in.now, own.interval)) co_return;

  const models::Event event = build(own.key, in);
  std::size_t accepted = 0;
  for (const models::Relay& target : targets) {
    const PublishAttempt attempt = co_await in.clients.publish(target, event);
    in.tally.record(target, event, attempt);
    if (attempt.outcome == PublishAttempt::Outcome::accepted) ++accepted;
  }
  if (accepted == 0) {
    logger.warning("event accepted by no relay, retried next cycle",
                   {{"kind", event.kind()}, {"event", own.key}});
    co_return;
  }
  const models::ServiceState state = checkpoint(std::string(own.key), in.now);
  in.context.store.upsert_state({&state, 1});
  logger.info("event published",
              {{"kind", event.kind()}, {"accepted", accepted}, {"targets", targets.size()}});
}

}  // namespace

boost::asio::awaitable<void> publish_own_events(OwnEventsInputs inputs) {
  const auto& config = inputs.config;
  const OwnEvent profile{kProfileKey, config.profile.enabled, config.profile.interval, config.profile.relays};
  const OwnEvent relay_list{kRelayListKey, config.relay_list.enabled, config.relay_list.interval,
                            config.relay_list.relays};
  const OwnEvent announcement{kAnnouncementKey, config.announcement.enabled, config.announcement.interval,
                              config.announcement.relays};
  co_await publish_one(profile, inputs);
  co_await publish_one(relay_list, inputs);
  co_await publish_one(announcement, inputs);
}

}  // namespace bigbrotr::services::monitor
