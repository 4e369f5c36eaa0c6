#pragma once

#include <cstdint>
#include <filesystem>

#include "core/config/storage_config.hpp"

// A PostgreSQL backup (docs/operations.md, Backups): pg_dump's custom format, which
// pg_restore reads back table by table, taken while the services go on writing.
namespace bigbrotr::core::store::postgres {

struct PostgresBackupReport {
  std::int64_t bytes = 0;
  int entries = 0;  // table of contents entries pg_restore --list reads back
};

// Runs `pg_dump --format=custom` on config.database.url into `target` (written beside it
// and renamed into place when pg_dump succeeded and pg_restore can list it). The password
// of password_env goes to pg_dump in its environment, not on its command line (a password
// written into the URL itself would show in the process list: use password_env). Throws StoreError
// when `target` exists, pg_dump or pg_restore cannot run or fails (their exit status
// in the message), or the listing is empty.
PostgresBackupReport backup_postgres(const StorageConfig& config, const std::filesystem::path& target);

}  // namespace bigbrotr::core::store::postgres
