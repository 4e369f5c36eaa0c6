#include "core/store/sqlite/sqlite_connection.hpp"

#include <utility>

namespace bigbrotr::core::store::sqlite {

void throw_error(sqlite3* db, int code, std::string_view context) {
  const int primary = code & 0xff;
  const bool transient = primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
  std::string message = "sqlite: ";
  message += context;
  message += ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  message += " (code " + std::to_string(code) + ")";
  throw StoreError(message, transient);
}

Statement::Statement(sqlite3* db, sqlite3_stmt* statement, bool owned) noexcept
    : db_(db), statement_(statement), owned_(owned) {}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), statement_(std::exchange(other.statement_, nullptr)), owned_(other.owned_) {}

Statement::~Statement() {
  if (statement_ == nullptr) return;
  if (owned_) {
    sqlite3_finalize(statement_);
  } else {
    reset();
  }
}

Statement& Statement::bind(int index, std::int64_t value) {
  const int code = sqlite3_bind_int64(statement_, index, value);
  if (code != SQLITE_OK) throw_error(db_, code, "bind");
  return *this;
}

Statement& Statement::bind_double(int index, double value) {
  const int code = sqlite3_bind_double(statement_, index, value);
  if (code != SQLITE_OK) throw_error(db_, code, "bind");
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  const int code =
      sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (code != SQLITE_OK) throw_error(db_, code, "bind");
  return *this;
}

Statement& Statement::bind_blob(int index, std::span<const std::uint8_t> bytes) {
  const int code = sqlite3_bind_blob64(statement_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  if (code != SQLITE_OK) throw_error(db_, code, "bind");
  return *this;
}

Statement& Statement::bind_null(int index) {
  const int code = sqlite3_bind_null(statement_, index);
  if (code != SQLITE_OK) throw_error(db_, code, "bind");
  return *this;
}

bool Statement::step() {
  const int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  throw_error(db_, code, "step");
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() noexcept {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

int Statement::column_count() const noexcept { return sqlite3_column_count(statement_); }

int Statement::column_type(int column) const noexcept { return sqlite3_column_type(statement_, column); }

std::string_view Statement::column_name(int column) const noexcept {
  const char* name = sqlite3_column_name(statement_, column);
  return name != nullptr ? name : "";
}

std::string_view Statement::column_decltype(int column) const noexcept {
  const char* type = sqlite3_column_decltype(statement_, column);
  return type != nullptr ? type : "";
}

bool Statement::is_null(int column) const noexcept { return column_type(column) == SQLITE_NULL; }

std::int64_t Statement::column_int64(int column) const noexcept {
  return sqlite3_column_int64(statement_, column);
}

double Statement::column_double(int column) const noexcept {
  return sqlite3_column_double(statement_, column);
}

std::string Statement::column_text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  if (text == nullptr) return {};
  return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

std::span<const std::uint8_t> Statement::column_blob(int column) const noexcept {
  const auto* bytes = static_cast<const std::uint8_t*>(sqlite3_column_blob(statement_, column));
  if (bytes == nullptr) return {};
  return {bytes, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
}

Connection::Connection(const std::string& path, OpenMode mode) {
  const int flags = mode == OpenMode::read_only ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
                                                : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int code = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (code != SQLITE_OK) {
    const std::string context = "open " + path;
    try {
      throw_error(db_, code, context);
    } catch (...) {
      sqlite3_close(db_);
      throw;
    }
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  try {
    // WAL lets readers in other processes (the API, the sqlite3 shell) work beside the
    // writer; NORMAL is durable at every checkpoint and safe against corruption in WAL.
    // Event ids are random, so every insert lands on a random page of eight B-trees: with
    // SQLite's default 2 MiB page cache most of those pages are read back from the file on
    // each batch. 64 MiB keeps the hot index pages resident (a cap, not an allocation).
    if (mode == OpenMode::read_only) {
      exec("PRAGMA query_only = ON;");
    } else {
      exec(
          "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; "
          "PRAGMA cache_size = -65536;");
    }
  } catch (...) {
    sqlite3_close(db_);
    throw;
  }
}

Connection::~Connection() {
  cache_.clear();
  sqlite3_close(db_);
}

void Connection::exec(const std::string& sql) {
  char* message = nullptr;
  const int code = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);
  if (code != SQLITE_OK) throw_error(db_, code, "exec");
}

Statement Connection::prepare(const char* sql) {
  auto found = cache_.find(sql);
  if (found == cache_.end()) {
    sqlite3_stmt* statement = nullptr;
    const int code = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (code != SQLITE_OK) throw_error(db_, code, "prepare");
    found = cache_.emplace(sql, statement).first;
  }
  return Statement(db_, found->second.get(), false);
}

Statement Connection::prepare_once(const std::string& sql) {
  sqlite3_stmt* statement = nullptr;
  const int code = sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &statement, nullptr);
  if (code != SQLITE_OK) throw_error(db_, code, "prepare");
  return Statement(db_, statement, true);
}

std::int64_t Connection::changes() const noexcept { return sqlite3_changes64(db_); }

bool Connection::file_has_moved() const noexcept {
  int moved = 0;
  // Unlike a read or a write, this notices a deleted file: those keep working on it.
  if (sqlite3_file_control(db_, "main", SQLITE_FCNTL_HAS_MOVED, &moved) != SQLITE_OK) return false;
  return moved != 0;
}

Transaction::Transaction(Connection& connection) : connection_(connection) {
  connection_.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (!open_) return;
  char* message = nullptr;
  sqlite3_exec(connection_.handle(), "ROLLBACK", nullptr, nullptr, &message);
  sqlite3_free(message);
}

void Transaction::commit() {
  connection_.exec("COMMIT");
  open_ = false;
}

}  // namespace bigbrotr::core::store::sqlite
