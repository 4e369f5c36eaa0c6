#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/config/storage_config.hpp"

namespace bigbrotr::core::store {

struct BackupReport {
  std::string backend;  // "sqlite" or "postgresql"
  std::int64_t bytes = 0;
  std::string check;  // what proved the copy readable: "integrity_check ok", "pg_restore lists N entries"
};

// A backup of the database config.database.url names, taken while services write:
// SQLite's online backup API (a consistent copy, checked with integrity_check), or
// pg_dump's custom format (listed back by pg_restore). The file appears at `target` only
// when complete. Throws StoreError (an existing target, an in-memory database, a failed
// copy or check).
BackupReport backup_database(const StorageConfig& config, const std::filesystem::path& target);

}  // namespace bigbrotr::core::store
