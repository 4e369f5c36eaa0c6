#include "app/service_launch.hpp"

#include <iostream>

#include "core/config/config_error.hpp"
#include "core/config/environment.hpp"
#include "core/store/open_store.hpp"
#include "models/text_excerpt.hpp"

namespace bigbrotr::app {
namespace {

core::LoadOptions load_options() {
  core::LoadOptions options;
  const std::optional<std::string> test_minimum = options.env(kTestMinIntervalVariable);
  if (!test_minimum || test_minimum->empty()) return options;
  try {
    options.min_interval = std::stod(*test_minimum);
  } catch (const std::exception&) {
    options.min_interval = 0;
  }
  if (!(options.min_interval > 0)) {
    throw core::ConfigError(
        kTestMinIntervalVariable, "",
        "must be a number of seconds above 0, got " + models::quoted_excerpt(*test_minimum));
  }
  return options;
}

}  // namespace

core::DeploymentConfig load_service_config(const ServiceArguments& arguments) {
  const core::LoadOptions options = load_options();
  core::DeploymentConfig config = core::load_deployment(arguments.config_dir, options);
  core::apply_database_overrides(config.storage, arguments.db, options.env);
  if (arguments.allow_local) core::allow_local_networks(config);
  return config;
}

core::Logger make_logger(const ServiceArguments& arguments, std::string service) {
  const auto level = core::parse_log_level(arguments.log_level);
  if (!level)
    throw core::ConfigError("command line", "--log-level",
                            "unknown level " + models::quoted_excerpt(arguments.log_level));
  const auto format = core::parse_log_format(arguments.log_format);
  if (!format)
    throw core::ConfigError("command line", "--log-format",
                            "unknown format " + models::quoted_excerpt(arguments.log_format));
  return core::Logger(std::move(service), *level, *format, std::cerr);
}

std::unique_ptr<core::store::Store> open_service_store(const core::DeploymentConfig& config,
                                                       models::ServiceName service, const core::Logger& logger,
                                                       bool create_schema) {
  auto store = core::store::open_store(config.storage, logger, service);
  const int version = store->schema_version();
  if (!create_schema) {
    if (version == 0) {
      throw core::store::StoreError("the database " + config.storage.redacted_url() +
                                    " has no schema; run `bigbrotr init` first",
                                    false);
    }
    return store;
  }
  // An existing schema keeps its flavour; the config's applies to a new one.
  const core::DatabaseFlavour flavour = version == 0 ? config.storage.database.flavour : store->flavour();
  const core::store::SchemaStatus status = store->init(flavour);
  if (status.created || status.upgraded) {
    logger.info(status.created ? "database schema created" : "database schema upgraded",
                {{"url", config.storage.redacted_url()}, {"schema_version", status.version}});
  }
  return store;
}

}  // namespace bigbrotr::app
