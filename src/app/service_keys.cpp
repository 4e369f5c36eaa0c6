#include "app/service_keys.hpp"

#include "core/config/config_error.hpp"
#include "models/text_excerpt.hpp"
#include "utils/keys.hpp"

namespace bigbrotr::app {
namespace {

bool publishes_anything(const core::MonitorConfig& config) {
  return config.discovery.enabled || config.announcement.enabled || config.profile.enabled ||
         config.relay_list.enabled;
}

void check_key_format(const core::KeysConfig& keys) {
  if (!keys.private_key) return;
  const auto parsed = utils::Keys::parse(keys.private_key->reveal());
  if (!parsed) {
    throw core::ConfigError(keys.source_file, "keys.keys_env",
                            "environment variable " + models::excerpt(keys.keys_env) +
                                " does not hold a valid key: " + parsed.reason());
  }
}

}  // namespace

void check_service_keys(const core::DeploymentConfig& config, models::ServiceName service) {
  if (service == models::ServiceName::synchronizer) check_key_format(config.synchronizer.keys);
  if (service != models::ServiceName::monitor) return;
  const core::KeysConfig& keys = config.monitor.keys;
  check_key_format(keys);
  // An empty source_file means built-in defaults: nobody asked for publishing.
  if (!keys.private_key && !keys.source_file.empty() && publishes_anything(config.monitor)) {
    throw core::ConfigError(keys.source_file, "keys.keys_env",
                            "environment variable " + models::excerpt(keys.keys_env) +
                                " is not set; the monitor signs what it publishes (set it, or disable "
                                "discovery, announcement, profile and relay_list)");
  }
}

}  // namespace bigbrotr::app
