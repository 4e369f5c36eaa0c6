#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/postgres/pg_result.hpp"

namespace bigbrotr::core::store::postgres {

// How to reach the server. `target` is a postgresql:// URL or a libpq conninfo string;
// the other fields override what it says.
struct ConnectionSettings {
  std::string target;
  std::optional<std::string> user;  // replaces the target's user
  std::optional<std::string> password;
  std::string application_name = "bigbrotr";
  int connect_timeout_seconds = 10;
  std::string display = "the database";  // how errors name the server (a redacted URL)
};

// Positional parameters of a statement in text form; nullopt is SQL NULL.
using PgParams = std::vector<std::optional<std::string>>;

// One libpq connection (PQfinish on destruction). Not thread-safe: the pool hands a
// connection to one caller at a time. Holds no session state beyond the startup
// parameters, so it works behind PgBouncer in transaction mode: statements are unnamed
// and settings are SET LOCAL inside transactions. Every method throws StoreError (see
// pg_errors.hpp for which are transient).
class PgConnection {
 public:
  // Connects (blocking, bounded by connect_timeout_seconds).
  static std::unique_ptr<PgConnection> open(const ConnectionSettings& settings);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs SQL text over the simple protocol; it may hold several statements (the last
  // result is returned). Used for BEGIN/COMMIT and schema scripts.
  PgResult exec(std::string_view sql);
  // Runs one statement with parameters as an unnamed prepared statement.
  PgResult exec_params(const std::string& sql, const PgParams& params);
  // Runs a COPY … FROM STDIN statement and streams `data` (COPY text format) into it.
  void copy_in(const std::string& sql, std::string_view data);

  // Cheap health check without a round trip: false when libpq already knows the
  // connection is gone or the server has closed it (e.g. pg_terminate_backend) while idle.
  bool usable() noexcept;
  // Whether the last command left the connection outside a transaction block.
  bool idle_outside_transaction() const noexcept;
  // The server process id (through PgBouncer: of the server connection used last).
  int backend_pid() const noexcept { return PQbackendPID(connection_); }

  std::int64_t queries() const noexcept { return queries_; }
  std::chrono::steady_clock::time_point last_used() const noexcept { return last_used_; }

 private:
  explicit PgConnection(PGconn* connection) noexcept;
  PgResult checked(PGresult* result, std::string_view context);

  PGconn* connection_;
  std::int64_t queries_ = 0;
  std::chrono::steady_clock::time_point last_used_;
};

}  // namespace bigbrotr::core::store::postgres
