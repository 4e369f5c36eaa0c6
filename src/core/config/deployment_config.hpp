#pragma once

#include <filesystem>
#include <vector>

#include "core/config/api_config.hpp"
#include "core/config/finder_config.hpp"
#include "core/config/load_options.hpp"
#include "core/config/monitor_config.hpp"
#include "core/config/refresher_config.hpp"
#include "core/config/seeder_config.hpp"
#include "core/config/storage_config.hpp"
#include "core/config/synchronizer_config.hpp"
#include "core/config/validator_config.hpp"
#include "models/enums.hpp"

namespace bigbrotr::core {

// Every typed config of one deployment: storage (brotr.yaml), the six pipeline services
// and the api (services/<name>.yaml).
struct DeploymentConfig {
  std::filesystem::path directory;  // the --config DIR; empty = built-in defaults only
  StorageConfig storage;
  SeederConfig seeder;
  FinderConfig finder;
  ValidatorConfig validator;
  MonitorConfig monitor;
  SynchronizerConfig synchronizer;
  RefresherConfig refresher;
  ApiConfig api;
  // Files of `directory` that did not exist and whose built-in defaults were used (the
  // caller logs them; an empty directory path lists nothing).
  std::vector<std::filesystem::path> defaulted_files;

  // The shared keys (interval, max_consecutive_failures, metrics) of a service as its
  // runner uses them (the refresher's cycle_base()). Throws std::invalid_argument for the
  // dvm, which has no config here.
  BaseServiceConfig base(models::ServiceName service) const;
};

// Where a deployment keeps its files: DIR/brotr.yaml and DIR/services/<service>.yaml.
std::filesystem::path storage_config_path(const std::filesystem::path& directory);
std::filesystem::path service_config_path(const std::filesystem::path& directory,
                                          models::ServiceName service);

// Loads a deployment folder. With an empty `directory` every config holds its built-in
// defaults. Otherwise the directory must exist; each of its files that exists is
// parsed strictly (a missing one means defaults and is listed in defaulted_files).
// Throws ConfigError naming the first bad file, key path and rule.
DeploymentConfig load_deployment(const std::filesystem::path& directory, const LoadOptions& options = {});

// Enables the `local` network (loopback and LAN relays) for the validator, monitor and
// synchronizer, as --allow-local does.
void allow_local_networks(DeploymentConfig& config);

}  // namespace bigbrotr::core
