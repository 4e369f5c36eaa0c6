#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <optional>
#include <string>

#include "core/config/storage_config.hpp"

// Which database a one-shot command (init, backup) works on: --db, else BIGBROTR_DB, else
// database.url of DIR/brotr.yaml (--config DIR), else sqlite:./data/bigbrotr.db.
namespace bigbrotr::app {

// The --db option's help, shared with the service commands.
inline constexpr const char* kDatabaseUrlHelp =
    "Database URL: sqlite:PATH, postgresql://... or a libpq conninfo "
    "(default: $BIGBROTR_DB, then the config, then sqlite:./data/bigbrotr.db)";

struct DatabaseArguments {
  std::optional<std::string> db;
  std::filesystem::path config_dir;  // empty = built-in defaults
};

// Adds --db and --config to `command`, filling `arguments`.
void add_database_options(CLI::App& command, DatabaseArguments& arguments);

// The storage settings the arguments name. A bad config or URL throws ConfigError.
core::StorageConfig load_storage(const DatabaseArguments& arguments);

}  // namespace bigbrotr::app
