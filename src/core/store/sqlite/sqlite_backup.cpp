#include "core/store/sqlite/sqlite_backup.hpp"

#include <sqlite3.h>

#include <map>
#include <string_view>
#include <system_error>
#include <vector>

#include "core/store/sqlite/sqlite_connection.hpp"
#include "core/store/store.hpp"

namespace bigbrotr::core::store::sqlite {
namespace {

// Removes the partial copy unless released.
class PartialFile {
 public:
  explicit PartialFile(std::filesystem::path path) : path_(std::move(path)) {}
  ~PartialFile() {
    if (path_.empty()) return;
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  PartialFile(const PartialFile&) = delete;
  PartialFile& operator=(const PartialFile&) = delete;
  void release() { path_.clear(); }

 private:
  std::filesystem::path path_;
};

// SQLite 3.40's integrity_check reports "NULL value in T.C" for WITHOUT ROWID tables whose
// key lists columns in another order than the table (relay_metadata; docs/operations.md,
// SQLite): such a line stands only when a row really holds a NULL there.
bool false_null_report(Connection& connection, const std::string& line) {
  constexpr std::string_view kPrefix = "NULL value in ";
  if (!line.starts_with(kPrefix)) return false;
  const std::string column_path = line.substr(kPrefix.size());
  const auto dot = column_path.find('.');
  if (dot == std::string::npos) return false;
  const std::string table = column_path.substr(0, dot);
  const std::string column = column_path.substr(dot + 1);
  if (table.find_first_not_of("abcdefghijklmnopqrstuvwxyz_0123456789") != std::string::npos ||
      column.find_first_not_of("abcdefghijklmnopqrstuvwxyz_0123456789") != std::string::npos)
    return false;
  Statement nulls = connection.prepare_once("SELECT count(*) FROM " + table + " WHERE " + column + " IS NULL");
  return nulls.step() && nulls.column_int64(0) == 0;
}

// PRAGMA integrity_check's findings, the known false reports left out: "ok" when sound.
std::string checked_integrity(Connection& connection) {
  std::vector<std::string> lines;
  Statement check = connection.prepare_once("PRAGMA integrity_check");
  while (check.step()) lines.push_back(check.column_text(0));
  std::string findings;
  std::map<std::string, bool> false_reports;  // the same line repeats once per row
  for (const std::string& line : lines) {
    if (line == "ok") continue;
    auto [known, added] = false_reports.try_emplace(line, false);
    if (added) known->second = false_null_report(connection, line);
    if (known->second) continue;
    if (!findings.empty()) findings += "; ";
    findings += line;
  }
  return findings.empty() ? "ok" : findings;
}

}  // namespace

SqliteBackupReport backup_sqlite(const std::string& source, const std::filesystem::path& target) {
  std::error_code ec;
  if (std::filesystem::exists(target, ec)) throw StoreError("backup: " + target.string() + " exists already", false);
  if (!std::filesystem::exists(source, ec)) throw StoreError("backup: no database at " + source, false);
  const std::filesystem::path partial = target.string() + ".partial";
  std::filesystem::remove(partial, ec);
  PartialFile cleanup(partial);
  SqliteBackupReport report;
  {
    const Connection from(source, OpenMode::read_only);
    Connection to(partial.string());
    sqlite3_backup* backup = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
    if (backup == nullptr) throw StoreError("backup: " + std::string(sqlite3_errmsg(to.handle())), false);
    // -1: every page in one step, one read transaction on the source: a copy of one moment.
    const int code = sqlite3_backup_step(backup, -1);
    report.pages = sqlite3_backup_pagecount(backup);
    sqlite3_backup_finish(backup);
    if (code != SQLITE_DONE) throw StoreError("backup: " + std::string(sqlite3_errstr(code)), code == SQLITE_BUSY);
    report.integrity = checked_integrity(to);
    // The copy is a file of its own: no WAL left beside it.
    to.exec("PRAGMA journal_mode = DELETE");
  }
  if (report.integrity != "ok") throw StoreError("backup: the copy failed its integrity check: " + report.integrity, false);
  std::filesystem::rename(partial, target);
  cleanup.release();
  report.bytes = static_cast<std::int64_t>(std::filesystem::file_size(target));
  return report;
}

}  // namespace bigbrotr::core::store::sqlite
