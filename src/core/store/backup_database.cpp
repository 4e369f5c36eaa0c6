#include "core/store/backup_database.hpp"

#include "core/store/open_store.hpp"
#include "core/store/postgres/postgres_backup.hpp"
#include "core/store/sqlite/sqlite_backup.hpp"
#include "core/store/store.hpp"

namespace bigbrotr::core::store {

BackupReport backup_database(const StorageConfig& config, const std::filesystem::path& target) {
  const auto path = sqlite_path(config.database.url);
  if (!path) {
    const auto report = postgres::backup_postgres(config, target);
    return BackupReport{"postgresql", report.bytes, "pg_restore lists " + std::to_string(report.entries) + " entries"};
  }
  if (path->empty() || *path == ":memory:")
    throw StoreError("backup: " + config.redacted_url() + " is not a database file", false);
  const auto report = sqlite::backup_sqlite(*path, target);
  return BackupReport{"sqlite", report.bytes, "integrity_check " + report.integrity};
}

}  // namespace bigbrotr::core::store
