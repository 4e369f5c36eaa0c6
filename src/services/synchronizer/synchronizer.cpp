#include "services/synchronizer/synchronizer.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>

#include "models/relay.hpp"
#include "utils/keys.hpp"

namespace bigbrotr::services {
namespace {

std::optional<utils::Keys> configured_keys(const core::KeysConfig& keys) {
  if (!keys.private_key) return std::nullopt;
  auto parsed = utils::Keys::parse(keys.private_key->reveal());
  if (!parsed) throw std::invalid_argument("synchronizer: " + keys.keys_env + ": " + parsed.reason());
  return std::move(parsed).value();
}

}  // namespace

Synchronizer::Synchronizer(core::SynchronizerConfig config, core::ServiceContext context,
                           std::size_t verify_threads)
    : config_(std::move(config)),
      context_(context),
      filters_(synchronizer::window_filters(config_.processing.filters)),
      verify_threads_(verify_threads == 0 ? synchronizer::SyncCycle::default_verify_threads()
                                          : verify_threads) {
  settings_.filters = &filters_;
  settings_.keys = configured_keys(config_.keys);
  settings_.limit = static_cast<std::size_t>(config_.processing.limit);
  settings_.idle = std::chrono::milliseconds(static_cast<std::int64_t>(config_.timeouts.idle * 1000.0));
  settings_.max_event_size = config_.processing.max_event_size;
}

std::size_t Synchronizer::cleanup() {
  const std::size_t removed = context_.store.delete_stale_state(models::ServiceName::synchronizer,
                                                                models::ServiceStateType::cursor, {});
  if (removed > 0) context_.logger.info("stale cursors removed", {{"removed", removed}});
  return removed;
}

std::int64_t Synchronizer::end_time() const {
  const std::int64_t until = config_.processing.until.value_or(models::unix_now());
  return until - static_cast<std::int64_t>(config_.processing.end_lag);
}

void Synchronizer::run() {
  const auto& logger = context_.logger;
  auto& metrics = context_.metrics;
  const std::vector<models::NetworkType> networks = config_.networks.enabled();
  if (networks.empty()) {
    logger.warning("no enabled network: nothing to synchronize");
    return;
  }
  settings_.end_time = end_time();
  std::vector<core::store::RelayCursor> cursors =
      context_.store.relay_cursors(models::ServiceName::synchronizer, networks);
  std::erase_if(cursors, [this](const core::store::RelayCursor& cursor) {
    return cursor.timestamp > settings_.end_time;
  });
  metrics.set_gauge("total_relays", static_cast<double>(cursors.size()));
  metrics.set_gauge("relays_seen", 0);
  metrics.set_gauge("events_seen", 0);
  metrics.set_gauge("rows_inserted", 0);
  if (!settings_.keys)
    logger.info("no private key configured: relays that demand NIP-42 AUTH will be skipped");
  logger.info("synchronization started", {{"relays", cursors.size()}, {"end_time", settings_.end_time}});

  synchronizer::SyncCycle cycle(config_, settings_, context_, verify_threads_);
  last_totals_ = cycle.run(std::move(cursors));
  const auto& totals = last_totals_;
  logger.info("synchronization finished", {{"relays", totals.relays},
                                           {"relays_seen", totals.relays_seen},
                                           {"events_seen", totals.events_seen},
                                           {"inserted", totals.rows_inserted},
                                           {"connect_failed", totals.connect_failed},
                                           {"auth_unavailable", totals.auth_unavailable},
                                           {"auth_rejected", totals.auth_rejected},
                                           {"stream_failed", totals.stream_failed},
                                           {"bad_id", totals.fetch.bad_id},
                                           {"bad_signature", totals.fetch.bad_signature},
                                           {"unmatched", totals.fetch.unmatched},
                                           {"oversized", totals.ingest.oversized},
                                           {"unstorable", totals.ingest.unstorable},
                                           {"stopped", totals.stopped}});
}

}  // namespace bigbrotr::services
