#include "app/database_options.hpp"

#include "core/config/deployment_config.hpp"
#include "core/config/environment.hpp"

namespace bigbrotr::app {

void add_database_options(CLI::App& command, DatabaseArguments& arguments) {
  command.add_option("--db", arguments.db, kDatabaseUrlHelp);
  command.add_option("--config", arguments.config_dir, "Deployment folder holding brotr.yaml");
}

core::StorageConfig load_storage(const DatabaseArguments& arguments) {
  const core::LoadOptions options;
  core::StorageConfig config = core::load_deployment(arguments.config_dir, options).storage;
  core::apply_database_overrides(config, arguments.db, options.env);
  return config;
}

}  // namespace bigbrotr::app
