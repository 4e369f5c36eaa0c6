#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/config/config_reader.hpp"
#include "core/config/load_options.hpp"
#include "core/config/secret.hpp"
#include "models/enums.hpp"

namespace bigbrotr::core {

// Which schema a database holds: bigbrotr archives whole events, lilbrotr only the
// fields the statistics need.
enum class DatabaseFlavour : std::uint8_t { bigbrotr, lilbrotr };

std::string_view to_string(DatabaseFlavour flavour) noexcept;
std::optional<DatabaseFlavour> parse_database_flavour(std::string_view text) noexcept;

// `database.roles.<service>:` the PostgreSQL login one service uses instead of the URL's
// user: the refresher must own the views it refreshes and the api reads as `reader`, so
// `bigbrotr run` (one pool per service) and one process per service connect alike.
// Password variables (database.password_env and each role's) are read at load, but only
// a PostgreSQL connection that uses one needs it set (database_login() below): SQLite
// needs none, and `bigbrotr monitor` runs without the refresher's password.
struct DatabaseRole {
  std::string user;                         // a PostgreSQL role name
  std::optional<std::string> password_env;  // names the variable holding its password
  std::optional<Secret> password;           // its value; none when unset or when password_env is none
};

// `database:` of brotr.yaml.
struct DatabaseConfig {
  // "sqlite:<path>", "postgresql://…" / "postgres://…", or a libpq conninfo string
  // ("host=… dbname=…"). May embed ${VAR}; may then hold a password, so log
  // StorageConfig::redacted_url() instead.
  std::string url = "sqlite:./data/bigbrotr.db";
  DatabaseFlavour flavour = DatabaseFlavour::bigbrotr;
  // Names the environment variable holding the password; its value, none when unset.
  std::optional<std::string> password_env;
  std::optional<Secret> password;
  // Per-service logins on PostgreSQL; a service not listed uses the URL's. Ignored on SQLite.
  std::map<models::ServiceName, DatabaseRole> roles;
};

// `pool.retry:` — how connection attempts are retried.
struct PoolRetryConfig {
  int max_attempts = 3;             // 1..10
  double initial_delay = 1.0;       // ≥ 0.1 s
  double max_delay = 10.0;          // ≥ initial_delay
  bool exponential_backoff = true;  // initial·2^attempt, else initial·(attempt+1); capped
};

// `pool.server_settings:` — session settings sent to PostgreSQL.
struct ServerSettings {
  std::optional<std::string> application_name;  // null = the service name
  std::string timezone = "UTC";
  std::int64_t statement_timeout_ms = 0;  // ≥ 0; only sent when > 0
};

// `pool:` — the connection pool.
struct PoolConfig {
  int min_size = 1;                                 // 1..100
  int max_size = 5;                                 // 1..200, ≥ min_size
  std::int64_t max_queries = 50000;                 // ≥ 100; a connection is recycled after this many
  double max_inactive_connection_lifetime = 300.0;  // ≥ 0 s
  double acquisition_timeout = 10.0;                // ≥ 0.1 s
  PoolRetryConfig retry;
  ServerSettings server_settings;
};

// `timeouts:` in seconds; null = no client-side timeout.
struct StorageTimeouts {
  std::optional<double> query = 60.0;    // 0.1..3600, ad-hoc queries
  std::optional<double> batch = 120.0;   // 0.1..3600, inserts, upserts, deletes
  std::optional<double> cleanup = 90.0;  // 0.1..3600, orphan cleanup
  std::optional<double> refresh;         // ≥ 0.1, materialized view refresh
};

// The whole of brotr.yaml: how to reach and use the database.
struct StorageConfig {
  DatabaseConfig database;
  PoolConfig pool;
  int batch_max_size = 1000;  // `batch.max_size`, 1..100000 rows per stored-function call
  StorageTimeouts timeouts;
  std::string source_file;  // "" = built-in defaults

  // database.url with any password replaced by "***" (URL user-info, `password=`
  // query or conninfo parameter). The only form of the URL fit for logs and errors.
  std::string redacted_url() const;
  // The PostgreSQL application_name for `service`.
  std::string application_name(models::ServiceName service) const;
  bool is_sqlite() const noexcept;
};

// How one PostgreSQL connection logs in: `user` replaces the URL's (none: the URL's).
struct DatabaseLogin {
  std::optional<std::string> user;
  std::optional<std::string> password;
};

// The login of `service` (database.roles, else the URL's; no service: the URL's). Throws
// ConfigError naming the key when the password variable it needs is unset.
DatabaseLogin database_login(const StorageConfig& config, std::optional<models::ServiceName> service);

// Reads brotr.yaml's document into `out` (which holds the defaults) and checks it,
// resolving database.password_env through options.env.
void read_config(ConfigReader& reader, StorageConfig& out, const LoadOptions& options);

// Replaces database.url (e.g. from --db or BIGBROTR_DB); `origin` names the source in a
// ConfigError when the URL is not a database URL.
void apply_database_override(StorageConfig& config, std::string url, const std::string& origin);

// Applies the overrides in precedence order: `cli_db` (--db) over the BIGBROTR_DB
// environment variable over the file. Unset or empty sources are skipped.
void apply_database_overrides(StorageConfig& config, const std::optional<std::string>& cli_db,
                              const EnvLookup& env);

}  // namespace bigbrotr::core
