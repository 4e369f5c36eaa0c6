#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/config/deployment_config.hpp"
#include "core/logging/logger.hpp"
#include "core/store/store.hpp"
#include "models/enums.hpp"

// What `bigbrotr <service>` and `bigbrotr run` share before a service starts: their
// options, the loaded configuration and the opened store.
namespace bigbrotr::app {

// The options of every service command (cmd_services.cpp declares them).
struct ServiceArguments {
  bool once = false;
  std::filesystem::path config_dir;  // empty = built-in defaults
  std::optional<std::string> db;
  bool allow_local = false;
  std::string log_level = "info";
  std::string log_format = "text";
  std::optional<std::string> seed_file;  // seeder and run only
};

// Test hook, not a user setting: when set, the environment variable
// BIGBROTR_TEST_MIN_INTERVAL (seconds, > 0) lowers the 60 s minimum of `interval` so
// tests can run cycles back to back.
inline constexpr const char* kTestMinIntervalVariable = "BIGBROTR_TEST_MIN_INTERVAL";

// The deployment with the command line applied: --db over BIGBROTR_DB over the file,
// --allow-local enabling the local network. Throws ConfigError (exit 2).
core::DeploymentConfig load_service_config(const ServiceArguments& arguments);

// A logger on stderr with --log-level / --log-format. Throws ConfigError for a bad value.
core::Logger make_logger(const ServiceArguments& arguments, std::string service);

// Opens the configured database for `service`. With `create_schema` a missing schema is
// created (or an old one upgraded) and that is logged; without it a database that has no
// schema is an error telling the user to run `bigbrotr init`. Throws StoreError.
std::unique_ptr<core::store::Store> open_service_store(const core::DeploymentConfig& config,
                                                       models::ServiceName service, const core::Logger& logger,
                                                       bool create_schema);

}  // namespace bigbrotr::app
