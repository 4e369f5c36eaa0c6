#pragma once

#include "core/config/deployment_config.hpp"
#include "models/enums.hpp"

// The Nostr keys of the services that sign (monitor, synchronizer), checked before a
// service starts so that a key problem is a configuration error (exit 2), not a failed
// cycle or a monitor that silently publishes nothing.
namespace bigbrotr::app {

// Throws core::ConfigError (file, "keys.keys_env", rule) when
// - the service's key variable is set but does not hold a valid key (hex-64 or nsec1…);
//   the rule names the variable and what is wrong, never the value;
// - `service` is the monitor, its services/monitor.yaml leaves any publishing feature
//   (discovery, announcement, profile, relay_list) enabled, and the variable is unset.
// With built-in defaults (no monitor file) a missing key is allowed: the monitor then
// checks and stores but publishes nothing (and warns), so a first run needs no key.
// Services that sign nothing pass.
void check_service_keys(const core::DeploymentConfig& config, models::ServiceName service);

}  // namespace bigbrotr::app
