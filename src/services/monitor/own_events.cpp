#include "services/monitor/own_events.hpp"

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include "nips/events/monitor_events.hpp"
#include "services/common/run_concurrently.hpp"
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

// One target's answer, handed from its sender to the tally.
struct SentTo {
  std::size_t target = 0;  // into the target list
  PublishAttempt attempt;
};

// Sends `event` to every target, max_in_flight at a time; returns how many accepted it.
boost::asio::awaitable<std::size_t> send_to_all(const std::vector<models::Relay>& targets,
                                                const models::Event& event, const OwnEventsInputs& in) {
  std::size_t accepted = 0;
  const auto max_in_flight = static_cast<std::size_t>(std::max(1, in.config.publishing_max_in_flight));
  ConcurrentJob<std::size_t, SentTo> job;
  for (std::size_t index = 0; index < targets.size(); ++index) job.items.push_back(index);
  job.bounds = ConcurrencyBounds{max_in_flight, max_in_flight};
  job.should_start = [&in] { return !in.context.stop.stop_requested(); };
  job.worker = [&](const std::size_t& index, Emitter<SentTo>& emit) -> boost::asio::awaitable<void> {
    // A named local, not a temporary inside the co_await expression (g++ 12 destroys
    // those twice).
    SentTo sent{index, {}};
    sent.attempt = co_await in.clients.publish(targets[index], event);
    co_await emit(std::move(sent));
  };
  job.consume = [&](SentTo&& sent) {
    in.tally.record(targets[sent.target], event, sent.attempt);
    if (sent.attempt.outcome == PublishAttempt::Outcome::accepted) ++accepted;
  };
  job.on_failure = [&](const std::size_t& index, std::string_view what) {
    in.tally.record(targets[index], event,
                    PublishAttempt{PublishAttempt::Outcome::send_failed, std::string(what)});
  };
  co_await run_concurrently(std::move(job));
  co_return accepted;
}

boost::asio::awaitable<void> publish_one(const OwnEvent& own, const OwnEventsInputs& in) {
  const auto& logger = in.context.logger;
  if (!own.enabled || in.context.stop.stop_requested()) co_return;
  const std::vector<models::Relay> targets =
      parse_targets(in.config.targets(own.relays), allow_local(in.config), logger);
  if (targets.empty()) co_return;
  if (!is_due(checkpoint_timestamp(in.context.store, own.key), in.now, own.interval)) co_return;

  const models::Event event = build(own.key, in);
  const std::size_t accepted = co_await send_to_all(targets, event, in);
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
