#pragma once

#include <boost/asio/awaitable.hpp>

#include <cstdint>

#include "core/config/monitor_config.hpp"
#include "core/service/service_context.hpp"
#include "services/monitor/publish_tally.hpp"
#include "services/monitor/publishing_clients.hpp"
#include "utils/keys.hpp"

// The monitor's own events (services.md §4 cycle step 2): kind 0 (profile), kind 10002
// (relay list), kind 10166 (announcement), in that order, each only when enabled, its
// target list is not empty and its interval has passed since its checkpoint.
namespace bigbrotr::services::monitor {

struct OwnEventsInputs {
  const core::MonitorConfig& config;
  core::ServiceContext context;
  PublishingClients& clients;
  PublishTally& tally;
  const utils::Keys& keys;
  std::int64_t now = 0;
};

// Publishes each due event to its targets, `publishing.max_in_flight` relays at a time
// (the events one after the other), and writes its checkpoint `{"timestamp": now}` only
// when at least one relay accepted it (OK true), so an event nobody took is tried again
// next cycle. After a stop request no further relay is started. Store errors propagate.
boost::asio::awaitable<void> publish_own_events(OwnEventsInputs inputs);

}  // namespace bigbrotr::services::monitor
