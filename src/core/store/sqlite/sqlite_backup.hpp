#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

// An online copy of a SQLite database (docs/operations.md, Backups): the services may
// keep writing while it runs.
namespace bigbrotr::core::store::sqlite {

struct SqliteBackupReport {
  std::int64_t pages = 0;
  std::int64_t bytes = 0;
  // PRAGMA integrity_check of the copy: "ok" when sound (SQLite 3.40's false "NULL value"
  // reports for relay_metadata are verified and left out).
  std::string integrity;
};

// Copies the database at `source` to `target` with SQLite's backup API in one read
// transaction, so the copy is the state of one moment while writers go on (WAL), then
// checks the copy. The copy is written beside `target` and renamed into place only when
// complete and sound. Throws StoreError when `target` exists, the source cannot be read,
// or the copy fails its integrity check (the partial file is removed).
SqliteBackupReport backup_sqlite(const std::string& source, const std::filesystem::path& target);

}  // namespace bigbrotr::core::store::sqlite
