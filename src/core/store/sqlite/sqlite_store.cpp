// SqliteStore: schema, relays and service state. Candidates, events, service queries and
// views live in the sibling sqlite_store_*.cpp files.
#include "core/store/sqlite/sqlite_store.hpp"

#include <filesystem>

#include "core/store/embedded_schema.hpp"
#include "core/store/sqlite/sqlite_rows.hpp"
#include "core/store/sqlite/sqlite_statements.hpp"

namespace bigbrotr::core::store::sqlite {
namespace {

std::optional<std::string> schema_info(Connection& connection, const char* key) {
  Statement select = connection.prepare(sql::kSchemaInfoGet);
  select.bind(1, std::string_view(key));
  if (!select.step()) return std::nullopt;
  return select.column_text(0);
}

void put_schema_info(Connection& connection, std::string_view key, std::string_view value) {
  connection.prepare(sql::kSchemaInfoPut).bind(1, key).bind(2, value).run();
}

// Runs every embedded script; each is idempotent (IF NOT EXISTS, views re-created).
void apply_schema(Connection& connection) {
  for (const auto& [name, text] : sqlite_schema_files()) {
    try {
      connection.exec(std::string(text));
    } catch (const StoreError& error) {
      throw StoreError(std::string(error.what()) + " in " + std::string(name), error.transient());
    }
  }
}

}  // namespace

SqliteStore::SqliteStore(const std::string& path) : path_(path), connection_(path) {
  if (path != ":memory:" && !path.empty()) checkpointer_.emplace(connection_, path);
}

SchemaStatus SqliteStore::init(DatabaseFlavour flavour) {
  std::lock_guard lock(mutex_);
  Transaction transaction(connection_);
  const int before = schema_version_locked();
  if (before > sql::kSchemaVersion) {
    throw StoreError("sqlite: schema version " + std::to_string(before) + " is newer than this program's " +
                         std::to_string(sql::kSchemaVersion),
                     false);
  }
  if (before > 0) {
    const DatabaseFlavour existing = flavour_locked();
    if (existing != flavour) {
      throw StoreError("sqlite: the database holds the " + std::string(to_string(existing)) +
                           " schema; its flavour cannot change to " + std::string(to_string(flavour)),
                       false);
    }
  }
  const bool from_version_1 = before == 1;
  if (from_version_1) connection_.exec(sql::kUpgradeFromVersion1);
  apply_schema(connection_);
  if (from_version_1) connection_.exec(sql::kTagValuesRefill);
  SchemaStatus status{.version = sql::kSchemaVersion, .created = before == 0, .upgraded = false};
  if (before == 0) put_schema_info(connection_, "flavour", to_string(flavour));
  if (before != sql::kSchemaVersion) {
    status.upgraded = before > 0;
    put_schema_info(connection_, "version", std::to_string(sql::kSchemaVersion));
  }
  transaction.commit();
  flavour_ = flavour;
  return status;
}

int SqliteStore::schema_version() {
  std::lock_guard lock(mutex_);
  return schema_version_locked();
}

DatabaseFlavour SqliteStore::flavour() {
  std::lock_guard lock(mutex_);
  return flavour_locked();
}

bool SqliteStore::healthy() noexcept {
  try {
    std::lock_guard lock(mutex_);
    Statement select = connection_.prepare(sql::kHealth);
    return select.step() && select.column_int64(0) == 1;
  } catch (...) {
    return false;
  }
}

void SqliteStore::check_storage() {
  std::lock_guard lock(mutex_);
  if (!connection_.file_has_moved()) return;
  // What is at the path now only words the message; the decision above is SQLite's own
  // comparison of the path with the file it holds open.
  std::error_code ec;
  const bool deleted = !std::filesystem::exists(path_, ec);
  throw StoreError("sqlite: the database file " + path_ + (deleted ? " was deleted" : " was replaced") +
                       " while bigbrotr had it open; what was written since is lost (restore the file or "
                       "run `bigbrotr init` and restart)",
                   false);
}

int SqliteStore::schema_version_locked() {
  {
    Statement exists = connection_.prepare(sql::kSchemaInfoExists);
    if (!exists.step() || exists.column_int64(0) == 0) return 0;
  }
  const auto version = schema_info(connection_, "version");
  return version ? std::stoi(*version) : 0;
}

DatabaseFlavour SqliteStore::flavour_locked() {
  if (flavour_) return *flavour_;
  if (schema_version_locked() == 0) return DatabaseFlavour::bigbrotr;
  const auto stored = schema_info(connection_, "flavour");
  const auto parsed = stored ? parse_database_flavour(*stored) : std::nullopt;
  if (!parsed) throw StoreError("sqlite: schema_info holds no valid flavour", false);
  flavour_ = *parsed;
  return *parsed;
}

std::size_t SqliteStore::insert_relays(std::span<const models::Relay> relays) {
  std::lock_guard lock(mutex_);
  Transaction transaction(connection_);
  std::size_t inserted = 0;
  Statement insert = connection_.prepare(sql::kRelayInsert);
  for (const models::Relay& relay : relays) {
    insert.bind(1, relay.url())
        .bind(2, models::to_string(relay.network()))
        .bind(3, relay.discovered_at())
        .run();
    inserted += static_cast<std::size_t>(connection_.changes());
    insert.reset();
  }
  transaction.commit();
  return inserted;
}

std::vector<models::Relay> SqliteStore::relays(std::span<const models::NetworkType> networks) {
  std::lock_guard lock(mutex_);
  Statement select = connection_.prepare(sql::kRelays);
  if (!networks.empty()) select.bind(1, network_list(networks));
  std::vector<models::Relay> result;
  while (select.step()) result.push_back(stored_relay(select.column_text(0), select.column_int64(1)));
  return result;
}

std::size_t SqliteStore::delete_relays(std::span<const std::string> urls) {
  std::lock_guard lock(mutex_);
  Transaction transaction(connection_);
  std::size_t deleted = 0;
  Statement remove = connection_.prepare(sql::kRelayDelete);
  for (const std::string& url : urls) {
    remove.bind(1, url).run();
    deleted += static_cast<std::size_t>(connection_.changes());
    remove.reset();
  }
  transaction.commit();
  return deleted;
}

std::size_t SqliteStore::upsert_state(std::span<const models::ServiceState> states) {
  std::lock_guard lock(mutex_);
  Transaction transaction(connection_);
  const std::size_t written = upsert_states(connection_, states);
  transaction.commit();
  return written;
}

std::vector<models::ServiceState> SqliteStore::get_state(models::ServiceName service,
                                                         models::ServiceStateType type,
                                                         std::optional<std::string_view> key) {
  std::lock_guard lock(mutex_);
  Statement select = connection_.prepare(key ? sql::kStateGetOne : sql::kStateGetAll);
  select.bind(1, models::to_string(service)).bind(2, models::to_string(type));
  if (key) select.bind(3, *key);
  std::vector<models::ServiceState> result;
  while (select.step()) {
    auto state = models::ServiceState::create(service, type, select.column_text(0),
                                              stored_json(select.column_text(1)));
    if (!state) throw StoreError("sqlite: stored service state is invalid: " + state.reason(), false);
    result.push_back(std::move(state).value());
  }
  return result;
}

std::size_t SqliteStore::delete_state(models::ServiceName service, models::ServiceStateType type,
                                      std::span<const std::string> keys) {
  std::lock_guard lock(mutex_);
  Transaction transaction(connection_);
  std::size_t deleted = 0;
  Statement remove = connection_.prepare(sql::kStateDelete);
  for (const std::string& key : keys) {
    remove.bind(1, models::to_string(service)).bind(2, models::to_string(type)).bind(3, key).run();
    deleted += static_cast<std::size_t>(connection_.changes());
    remove.reset();
  }
  transaction.commit();
  return deleted;
}

}  // namespace bigbrotr::core::store::sqlite
