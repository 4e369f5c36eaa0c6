#include "core/config/deployment_config.hpp"

#include <stdexcept>
#include <string>

#include "core/config/config_document.hpp"
#include "core/config/config_error.hpp"

namespace bigbrotr::core {
namespace {

using models::ServiceName;

// Parses `path` when it exists; otherwise the defaults, remembering the absence.
template <class Config>
Config load_or_default(const std::filesystem::path& path, const LoadOptions& options,
                       std::vector<std::filesystem::path>& defaulted) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    defaulted.push_back(path);
    return default_config<Config>(options);
  }
  return load_config_file<Config>(path, options);
}

template <class Config>
Config load_service(const std::filesystem::path& directory, ServiceName service, const LoadOptions& options,
                    std::vector<std::filesystem::path>& defaulted) {
  return load_or_default<Config>(service_config_path(directory, service), options, defaulted);
}

DeploymentConfig built_in_defaults(const LoadOptions& options) {
  DeploymentConfig config;
  config.storage = default_config<StorageConfig>(options);
  config.seeder = default_config<SeederConfig>(options);
  config.finder = default_config<FinderConfig>(options);
  config.validator = default_config<ValidatorConfig>(options);
  config.monitor = default_config<MonitorConfig>(options);
  config.synchronizer = default_config<SynchronizerConfig>(options);
  config.refresher = default_config<RefresherConfig>(options);
  config.api = default_config<ApiConfig>(options);
  return config;
}

}  // namespace

BaseServiceConfig DeploymentConfig::base(ServiceName service) const {
  switch (service) {
    case ServiceName::seeder:
      return seeder.base;
    case ServiceName::finder:
      return finder.base;
    case ServiceName::validator:
      return validator.base;
    case ServiceName::monitor:
      return monitor.base;
    case ServiceName::synchronizer:
      return synchronizer.base;
    case ServiceName::refresher:
      return refresher.cycle_base();
    case ServiceName::api:
      return api.base;
    case ServiceName::dvm:
      break;
  }
  throw std::invalid_argument("no deployment config for service " + std::string(models::to_string(service)));
}

std::filesystem::path storage_config_path(const std::filesystem::path& directory) {
  return directory / "brotr.yaml";
}

std::filesystem::path service_config_path(const std::filesystem::path& directory, ServiceName service) {
  return directory / "services" / (std::string(models::to_string(service)) + ".yaml");
}

DeploymentConfig load_deployment(const std::filesystem::path& directory, const LoadOptions& options) {
  if (directory.empty()) return built_in_defaults(options);
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec)) {
    throw ConfigError(directory.string(), "",
                      "is not a config directory (expected brotr.yaml and services/)");
  }
  DeploymentConfig config;
  config.directory = directory;
  auto& defaulted = config.defaulted_files;
  config.storage = load_or_default<StorageConfig>(storage_config_path(directory), options, defaulted);
  config.seeder = load_service<SeederConfig>(directory, ServiceName::seeder, options, defaulted);
  config.finder = load_service<FinderConfig>(directory, ServiceName::finder, options, defaulted);
  config.validator = load_service<ValidatorConfig>(directory, ServiceName::validator, options, defaulted);
  config.monitor = load_service<MonitorConfig>(directory, ServiceName::monitor, options, defaulted);
  config.synchronizer =
      load_service<SynchronizerConfig>(directory, ServiceName::synchronizer, options, defaulted);
  config.refresher = load_service<RefresherConfig>(directory, ServiceName::refresher, options, defaulted);
  config.api = load_service<ApiConfig>(directory, ServiceName::api, options, defaulted);
  return config;
}

void allow_local_networks(DeploymentConfig& config) {
  config.validator.networks.local.enabled = true;
  config.monitor.networks.local.enabled = true;
  config.synchronizer.networks.local.enabled = true;
}

}  // namespace bigbrotr::core
