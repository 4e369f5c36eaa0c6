// PostgresStore: construction, transactions, schema and health.
#include "core/store/postgres/postgres_store.hpp"

#include <algorithm>
#include <cmath>

#include "core/store/embedded_schema.hpp"
#include "core/store/postgres/postgres_statements.hpp"

namespace bigbrotr::core::store::postgres {
namespace {

constexpr std::string_view kBigbrotrSuffix = "_bigbrotr.sql";
constexpr std::string_view kLilbrotrSuffix = "_lilbrotr.sql";

// Scripts named *_bigbrotr.sql or *_lilbrotr.sql belong to that flavour only.
bool script_applies(std::string_view name, DatabaseFlavour flavour) {
  if (name.ends_with(kBigbrotrSuffix)) return flavour == DatabaseFlavour::bigbrotr;
  if (name.ends_with(kLilbrotrSuffix)) return flavour == DatabaseFlavour::lilbrotr;
  return true;
}

struct SchemaInfo {
  int version = 0;
  DatabaseFlavour flavour = DatabaseFlavour::bigbrotr;
};

std::optional<SchemaInfo> read_schema_info(PgConnection& connection) {
  if (connection.exec(sql::kSchemaInfoExists).text(0, 0) != "t") return std::nullopt;
  const PgResult result = connection.exec(sql::kSchemaInfoGet);
  if (result.rows() == 0) return std::nullopt;
  const auto flavour = parse_database_flavour(result.text(0, 1));
  if (!flavour)
    throw StoreError("postgresql: schema_info names an unknown flavour: " + result.string(0, 1), false);
  return SchemaInfo{static_cast<int>(result.int64(0, 0)), *flavour};
}

void run_schema_scripts(PgConnection& connection, DatabaseFlavour flavour) {
  if (postgres_schema_files().empty()) throw StoreError("postgresql: no schema scripts were built in", false);
  for (const auto& [name, text] : postgres_schema_files()) {
    if (script_applies(name, flavour)) connection.exec(text);
  }
}

}  // namespace

PostgresStore::PostgresStore(const StorageConfig& config, const Logger& logger, models::ServiceName service)
    : config_(config), logger_(logger), pool_(pool_options(config, service), logger) {
  begin_[static_cast<std::size_t>(Work::query)] = begin_statement(config_.timeouts.query);
  begin_[static_cast<std::size_t>(Work::batch)] = begin_statement(config_.timeouts.batch);
  begin_[static_cast<std::size_t>(Work::cleanup)] = begin_statement(config_.timeouts.cleanup);
  begin_[static_cast<std::size_t>(Work::refresh)] = begin_statement(config_.timeouts.refresh);
  begin_[static_cast<std::size_t>(Work::schema)] = begin_statement(std::nullopt);
}

// Session settings are SET LOCAL at the start of every transaction: behind PgBouncer in
// transaction mode a session setting would leak to other clients (and startup options
// are dropped). One round trip carries BEGIN and the settings.
std::string PostgresStore::begin_statement(std::optional<double> timeout_seconds) const {
  std::string timezone;
  for (const char c : config_.pool.server_settings.timezone)
    timezone += c == '\'' ? std::string("''") : std::string(1, c);
  std::string statement = "BEGIN; SET LOCAL TimeZone = '" + timezone + "'";
  std::int64_t timeout_ms = config_.pool.server_settings.statement_timeout_ms;
  if (timeout_seconds && *timeout_seconds > 0) {
    const auto work_ms = static_cast<std::int64_t>(std::ceil(*timeout_seconds * 1000));
    timeout_ms = timeout_ms > 0 ? std::min(timeout_ms, work_ms) : work_ms;
  }
  if (timeout_ms > 0) statement += "; SET LOCAL statement_timeout = " + std::to_string(timeout_ms);
  return statement;
}

std::size_t PostgresStore::batch_size() const noexcept {
  return static_cast<std::size_t>(std::max(config_.batch_max_size, 1));
}

std::optional<models::Relay> PostgresStore::relay_from_row(std::string_view url,
                                                           std::int64_t discovered_at) const {
  auto relay = models::Relay::from_canonical(url, {.allow_local = true}, discovered_at);
  if (relay) return std::move(relay).value();
  logger_.warning("stored relay url skipped", {{"url", url}, {"reason", relay.reason()}});
  return std::nullopt;
}

SchemaStatus PostgresStore::init(DatabaseFlavour flavour) {
  return transact(Work::schema, [&](PgConnection& connection) {
    connection.exec(sql::kSchemaLock);
    const std::optional<SchemaInfo> current = read_schema_info(connection);
    if (current && current->flavour != flavour) {
      throw StoreError("postgresql: the database holds a " + std::string(to_string(current->flavour)) +
                           " schema; it cannot become " + std::string(to_string(flavour)),
                       false);
    }
    if (current && current->version > sql::kSchemaVersion) {
      throw StoreError("postgresql: the schema is version " + std::to_string(current->version) +
                           ", newer than this program's " + std::to_string(sql::kSchemaVersion),
                       false);
    }
    SchemaStatus status{sql::kSchemaVersion, !current,
                        current.has_value() && current->version < sql::kSchemaVersion};
    if (current && current->version == sql::kSchemaVersion) return status;
    run_schema_scripts(connection, flavour);
    connection.exec_params(sql::kSchemaInfoPut,
                           {std::to_string(sql::kSchemaVersion), std::string(to_string(flavour)),
                            std::to_string(models::unix_now())});
    logger_.info("schema applied", {{"backend", "postgresql"},
                                    {"version", sql::kSchemaVersion},
                                    {"flavour", to_string(flavour)},
                                    {"upgraded", status.upgraded}});
    return status;
  });
}

void PostgresStore::apply_schema_scripts(DatabaseFlavour flavour) {
  transact(Work::schema, [&](PgConnection& connection) {
    connection.exec(sql::kSchemaLock);
    run_schema_scripts(connection, flavour);
    return true;
  });
}

int PostgresStore::schema_version() {
  return transact(Work::query, [](PgConnection& connection) {
    const auto info = read_schema_info(connection);
    return info ? info->version : 0;
  });
}

DatabaseFlavour PostgresStore::flavour() {
  return transact(Work::query, [&](PgConnection& connection) {
    const auto info = read_schema_info(connection);
    return info ? info->flavour : config_.database.flavour;
  });
}

bool PostgresStore::healthy() noexcept {
  try {
    auto lease = pool_.acquire();
    lease->exec(sql::kHealth);
    return true;
  } catch (...) {
    return false;
  }
}

TableCounts PostgresStore::counts() {
  return transact(Work::query, [](PgConnection& connection) {
    const PgResult result = connection.exec(sql::kCounts);
    return TableCounts{result.int64(0, 0), result.int64(0, 1), result.int64(0, 2),
                       result.int64(0, 3), result.int64(0, 4), result.int64(0, 5),
                       result.int64(0, 6)};
  });
}

}  // namespace bigbrotr::core::store::postgres
