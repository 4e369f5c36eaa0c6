#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/store/store.hpp"

// A thin RAII layer over the SQLite C API: one connection, prepared statements cached per
// SQL text, and transactions that roll back unless committed. Every failure is thrown as
// StoreError; SQLITE_BUSY and SQLITE_LOCKED are transient. Not thread-safe: the owner
// (SqliteStore) serialises every use behind its mutex.
namespace bigbrotr::core::store::sqlite {

// Throws the StoreError for a failed SQLite call; `context` says what was being done.
[[noreturn]] void throw_error(sqlite3* db, int code, std::string_view context);

// A prepared statement in use. A cached statement is reset and its bindings cleared when
// the handle dies (so it holds no read lock afterwards); an uncached one is finalised.
// Parameters are numbered from 1, columns from 0; bound text and blobs are copied.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* statement, bool owned) noexcept;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind_double(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind_blob(int index, std::span<const std::uint8_t> bytes);
  Statement& bind_null(int index);

  // Advances to the next row: true when a row is available, false when done.
  bool step();
  // Steps to the end (for statements that return no rows).
  void run();
  // Makes the statement ready to run again, with no parameters bound.
  void reset() noexcept;

  int column_count() const noexcept;
  int column_type(int column) const noexcept;
  std::string_view column_name(int column) const noexcept;
  // The declared type of a table column ("" for expressions).
  std::string_view column_decltype(int column) const noexcept;
  bool is_null(int column) const noexcept;
  std::int64_t column_int64(int column) const noexcept;
  double column_double(int column) const noexcept;
  std::string column_text(int column) const;
  std::span<const std::uint8_t> column_blob(int column) const noexcept;

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_;
  bool owned_;
};

// How a Connection opens its file.
enum class OpenMode {
  read_write,  // created if missing; WAL journal, foreign keys on, synchronous=NORMAL
  read_only,   // must exist; SQLITE_OPEN_READONLY and query_only: no statement can write
};

// One open database connection with a busy timeout, configured for the store (read_write)
// or for readers (read_only).
class Connection {
 public:
  static constexpr int kBusyTimeoutMs = 5000;

  // Opens the database at `path` (":memory:" for a private in-memory database). Throws
  // StoreError when it cannot be opened or configured.
  explicit Connection(const std::string& path, OpenMode mode = OpenMode::read_write);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs one or more statements that return nothing.
  void exec(const std::string& sql);
  // The cached prepared statement for `sql`, which must be a string literal (the cache is
  // keyed by its address).
  Statement prepare(const char* sql);
  // A one-off statement, finalised when the handle dies.
  Statement prepare_once(const std::string& sql);
  // Rows changed by the last INSERT, UPDATE or DELETE.
  std::int64_t changes() const noexcept;
  // True when the main database file was unlinked or renamed since it was opened, or
  // another file now has its name (SQLite compares the inode at the path with the open
  // file's). Always false for in-memory databases.
  bool file_has_moved() const noexcept;
  sqlite3* handle() const noexcept { return db_; }

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* statement) const noexcept { sqlite3_finalize(statement); }
  };

  sqlite3* db_ = nullptr;
  std::map<const char*, std::unique_ptr<sqlite3_stmt, Finalizer>> cache_;
};

// BEGIN IMMEDIATE on construction (the write lock is taken up front, so two writers never
// deadlock upgrading); ROLLBACK on destruction unless commit() ran.
class Transaction {
 public:
  explicit Transaction(Connection& connection);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  void commit();

 private:
  Connection& connection_;
  bool open_ = true;
};

}  // namespace bigbrotr::core::store::sqlite
