#pragma once

#include <cstddef>
#include <optional>

#include "core/config/monitor_config.hpp"
#include "core/service/service.hpp"
#include "core/service/service_context.hpp"
#include "utils/keys.hpp"

// The monitor (services.md §4): checks every due relay (NIP-11 and NIP-66), stores the
// results as content-addressed metadata with a per-relay checkpoint, and publishes the
// NIP-66 events (kind 30166 per relay, 10166, 0, 10002) signed with the monitor key.
//
// Without a key (keys.keys_env unset) the checks and the storage still run and nothing is
// published; one warning says so when the service is built. The rtt write probe then
// signs its kind 22456 test event with an ephemeral key made at start-up, so the
// measurements stay complete and comparable with keyed runs.
namespace bigbrotr::services {

class Monitor final : public core::Service {
 public:
  // Throws std::invalid_argument when the configured key is set but malformed.
  Monitor(core::MonitorConfig config, core::ServiceContext context);

  models::ServiceName name() const noexcept override { return models::ServiceName::monitor; }
  // Deletes monitor checkpoints that are neither a relay URL nor the publish checkpoint
  // of an enabled feature, and status rows past retention.status_days (counter
  // status_rows_expired).
  std::size_t cleanup() override;
  // One cycle: GeoLite2 databases, own events, then every due relay chunk by chunk.
  // Returns early between chunks on a stop request. Store errors propagate.
  void run() override;

 private:
  std::size_t delete_old_statuses();

  core::MonitorConfig config_;
  core::ServiceContext context_;
  // The monitor's own key, or nullopt when none is configured.
  std::optional<utils::Keys> own_keys_;
  // own_keys_, or an ephemeral key for the rtt write probe.
  utils::Keys probe_keys_;
};

}  // namespace bigbrotr::services
