#include "services/monitor/monitor.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>

#include <chrono>
#include <stdexcept>

#include "services/monitor/geo_databases.hpp"
#include "services/monitor/monitor_cycle.hpp"
#include "services/monitor/publish_schedule.hpp"

namespace bigbrotr::services {
namespace {

// Threads for the blocking checks (ssl handshakes, dns, GeoIP lookups) of one cycle; the
// network limits bound how many relays are in flight, these only bound the blocking part.
constexpr std::size_t kBlockingThreads = 4;
// Status rows deleted per transaction by the retention clean-up.
constexpr std::size_t kStatusDeleteBatch = 10000;

std::optional<utils::Keys> configured_keys(const core::KeysConfig& keys) {
  if (!keys.private_key) return std::nullopt;
  auto parsed = utils::Keys::parse(keys.private_key->reveal());
  if (!parsed) throw std::invalid_argument("monitor: " + keys.keys_env + ": " + parsed.reason());
  return std::move(parsed).value();
}

bool publishes_anything(const core::MonitorConfig& config) {
  return config.discovery.enabled || config.announcement.enabled || config.profile.enabled ||
         config.relay_list.enabled;
}

}  // namespace

Monitor::Monitor(core::MonitorConfig config, core::ServiceContext context)
    : config_(std::move(config)),
      context_(context),
      own_keys_(configured_keys(config_.keys)),
      probe_keys_(own_keys_ ? *own_keys_ : utils::Keys::generate()) {
  if (!own_keys_ && publishes_anything(config_)) {
    context_.logger.warning("no monitor key: checks and storage run, nothing is published",
                            {{"variable", config_.keys.keys_env}, {"rtt_write_probe", "ephemeral key"}});
  }
}

std::size_t Monitor::cleanup() {
  const std::vector<std::string> keep = monitor::kept_checkpoint_keys(config_);
  const std::size_t removed = context_.store.delete_stale_state(models::ServiceName::monitor,
                                                                models::ServiceStateType::checkpoint, keep);
  if (removed > 0) context_.logger.info("stale checkpoints removed", {{"removed", removed}});
  return removed + delete_old_statuses();
}

std::size_t Monitor::delete_old_statuses() {
  if (config_.status_retention_days == 0) return 0;
  const std::int64_t now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  const std::int64_t cutoff = now - static_cast<std::int64_t>(config_.status_retention_days) * 86400;
  const std::size_t deleted = context_.store.delete_relay_statuses_before(cutoff, kStatusDeleteBatch);
  context_.metrics.increment_counter("status_rows_expired", static_cast<double>(deleted));
  if (deleted > 0) {
    context_.logger.info("old status rows deleted",
                         {{"deleted", deleted}, {"older_than_days", config_.status_retention_days}});
  }
  return deleted;
}

void Monitor::run() {
  const auto& compute = config_.processing.compute;
  const monitor::GeoDatabases geo =
      monitor::open_geo_databases(config_.geo, compute[models::MetadataType::nip66_geo],
                                  compute[models::MetadataType::nip66_net], context_.logger);
  // -1 for a database the checks need but do not have, so an alert sees missing and stale alike.
  if (compute[models::MetadataType::nip66_geo])
    context_.metrics.set_gauge("geolite2_city_age_seconds", geo.city_age_seconds.value_or(-1));
  if (compute[models::MetadataType::nip66_net])
    context_.metrics.set_gauge("geolite2_asn_age_seconds", geo.asn_age_seconds.value_or(-1));
  boost::asio::thread_pool blocking_pool(kBlockingThreads);
  const monitor::CycleInputs inputs{config_, context_,     probe_keys_, own_keys_.has_value(),
                                    geo,     blocking_pool};
  monitor::MonitorCycle cycle(inputs);
  boost::asio::io_context io;
  auto done = boost::asio::co_spawn(io, cycle.run(), boost::asio::use_future);
  io.run();
  blocking_pool.join();
  done.get();
}

}  // namespace bigbrotr::services
