// The conformance suite on SQLite (temp-file databases), plus what only SQLite has: the
// connection settings, the file and folder it creates, and use from several threads.
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <random>
#include <thread>

#include "core/logging/logger.hpp"
#include "core/store/open_store.hpp"
#include "core/store/sqlite/sqlite_store.hpp"
#include "core/store/sqlite/wal_checkpointer.hpp"
#include "store_conformance.hpp"

namespace bigbrotr::testing {
namespace {

using core::store::sqlite::SqliteStore;
namespace fs = std::filesystem;

// A folder under the system temp dir, removed with everything in it at exit.
class TempFolder {
 public:
  TempFolder() {
    std::random_device random;
    path_ = fs::temp_directory_path() /
            ("bigbrotr-sqlite-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
    fs::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

TempFolder& temp_folder() {
  static TempFolder folder;
  return folder;
}

fs::path last_database;

fs::path fresh_database_path() {
  static std::atomic<int> counter{0};
  return temp_folder().path() / ("store-" + std::to_string(counter++) + ".db");
}

std::unique_ptr<core::store::Store> open_fresh_sqlite(core::DatabaseFlavour /*flavour*/) {
  last_database = fresh_database_path();
  return std::make_unique<SqliteStore>(last_database.string());
}

INSTANTIATE_TEST_SUITE_P(SQLite, StoreConformance,
                         ::testing::Values(StoreBackend{
                             "sqlite", open_fresh_sqlite,
                             [] { return std::make_unique<SqliteStore>(last_database.string()); }}),
                         StoreBackendName());

// The first column of the first row of `query`, as text ("" when there is none), read
// through a connection of its own; statements before the last one run too.
std::string scalar(const fs::path& database, const std::string& query) {
  sqlite3* db = nullptr;
  sqlite3_open(database.c_str(), &db);
  const std::size_t last = query.rfind(';');
  if (last != std::string::npos) sqlite3_exec(db, query.substr(0, last).c_str(), nullptr, nullptr, nullptr);
  sqlite3_stmt* statement = nullptr;
  const std::string tail = last == std::string::npos ? query : query.substr(last + 1);
  sqlite3_prepare_v2(db, tail.c_str(), -1, &statement, nullptr);
  std::string value;
  if (sqlite3_step(statement) == SQLITE_ROW)
    value = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return value;
}

TEST(SqliteStore, UsesWriteAheadLogging) {
  const fs::path path = fresh_database_path();
  SqliteStore store(path.string());
  store.init(core::DatabaseFlavour::bigbrotr);
  EXPECT_EQ(scalar(path, "PRAGMA journal_mode"), "wal");
}

TEST(SqliteStore, EnforcesForeignKeys) {
  SqliteStore store(fresh_database_path().string());
  store.init(core::DatabaseFlavour::bigbrotr);
  // A junction row without its parents must be refused: only foreign keys do that.
  const auto event = make_event(1700000000, 1);
  store.insert_events(std::vector{seen_on(event, make_relay("wss://fk.example"), 5)});
  EXPECT_EQ(store.delete_relays(std::vector<std::string>{"wss://fk.example"}), 1U);
  EXPECT_EQ(store.counts().event_relays, 0);  // cascaded, so foreign keys are on
}

TEST(SqliteStore, WaitsForABusyDatabaseThenFailsTransiently) {
  const fs::path path = fresh_database_path();
  SqliteStore store(path.string());
  store.init(core::DatabaseFlavour::bigbrotr);
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  const auto started = std::chrono::steady_clock::now();
  try {
    store.insert_relays(std::vector{make_relay("wss://busy.example")});
    ADD_FAILURE() << "a locked database must not accept the write";
  } catch (const core::store::StoreError& error) {
    EXPECT_TRUE(error.transient()) << error.what();
  }
  const auto waited = std::chrono::steady_clock::now() - started;
  EXPECT_GE(waited, std::chrono::milliseconds(core::store::sqlite::Connection::kBusyTimeoutMs - 500));
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  EXPECT_EQ(store.insert_relays(std::vector{make_relay("wss://busy.example")}), 1U);
}

TEST(SqliteStore, OpenStoreCreatesTheFileInANewFolder) {
  const fs::path folder = temp_folder().path() / "new" / "nested";
  core::StorageConfig config;
  config.database.url = "sqlite:" + (folder / "brotr.db").string();
  std::ostringstream log;
  const core::Logger logger("test", core::LogLevel::debug, core::LogFormat::text, log);
  auto store = core::store::open_store(config, logger, models::ServiceName::seeder);
  EXPECT_EQ(store->backend(), "sqlite");
  EXPECT_EQ(store->schema_version(), 0);
  EXPECT_GT(store->init(core::DatabaseFlavour::bigbrotr).version, 0);
  EXPECT_TRUE(fs::exists(folder / "brotr.db"));
}

TEST(SqliteStore, OpenStoreAcceptsAnInMemoryDatabase) {
  core::StorageConfig config;
  config.database.url = "sqlite::memory:";
  std::ostringstream log;
  const core::Logger logger("test", core::LogLevel::info, core::LogFormat::text, log);
  auto store = core::store::open_store(config, logger, models::ServiceName::seeder);
  store->init(core::DatabaseFlavour::lilbrotr);
  EXPECT_EQ(store->flavour(), core::DatabaseFlavour::lilbrotr);
  EXPECT_FALSE(fs::exists(":memory:"));
}

TEST(SqliteStore, UnopenableFileFailsWithAStoreError) {
  const fs::path folder = fresh_database_path();
  fs::create_directories(folder);  // a folder where the database file should be
  EXPECT_THROW(SqliteStore store(folder.string()), core::store::StoreError);
}

TEST(SqliteStore, SerialisesUseFromTwoThreads) {
  SqliteStore store(fresh_database_path().string());
  store.init(core::DatabaseFlavour::bigbrotr);
  const auto relay = make_relay("wss://threads.example");
  auto writer = [&](std::uint8_t seed) {
    for (int i = 0; i < 50; ++i) {
      const auto event = make_event(1700000000 + i, 1, {}, "thread", seed);
      store.insert_events(std::vector{seen_on(event, relay, 1700000000 + i)});
      store.counts();
    }
  };
  std::thread first(writer, 1);
  std::thread second(writer, 2);
  first.join();
  second.join();
  EXPECT_EQ(store.counts().events, 100);
  EXPECT_EQ(store.event_ids_of_relay(relay.url()).size(), 100U);
}

TEST(SqliteStore, KeepsTheTagIndexInStepWithTheEvents) {
  const fs::path path = fresh_database_path();
  SqliteStore store(path.string());
  store.init(core::DatabaseFlavour::bigbrotr);
  const auto relay = make_relay("wss://tags.example");
  const auto tagged = make_event(1700000000, 1, {{"e", "ab"}, {"p", "cd"}, {"relay", "x"}});
  const auto other = make_event(1700000001, 1, {{"e", "ab"}});
  store.insert_events(std::vector{seen_on(tagged, relay, 5), seen_on(other, relay, 5)});
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM event_tagvalue WHERE value = 'e:ab'"), "2");
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM event_tagvalue"), "3");
  store.delete_relays(std::vector<std::string>{relay.url()});
  EXPECT_EQ(store.delete_orphan_events(10), 2U);
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM event_tagvalue"), "0");
}

TEST(SqliteStore, UpgradesAVersionOneTagIndex) {
  const fs::path path = fresh_database_path();
  const auto event = make_event(1700000000, 1, {{"e", "ab"}, {"t", "x"}});
  {
    SqliteStore store(path.string());
    store.init(core::DatabaseFlavour::bigbrotr);
    store.insert_events(std::vector{seen_on(event, make_relay("wss://old.example"), 5)});
  }
  // Version 1's shape: keyed by event_id, an index on value, a cascading foreign key.
  scalar(path,
         "DROP TRIGGER event_tagvalue_follows_event; DROP TABLE event_tagvalue; "
         "CREATE TABLE event_tagvalue (event_id BLOB NOT NULL REFERENCES event (id) ON DELETE CASCADE, "
         "value TEXT NOT NULL, PRIMARY KEY (event_id, value)) WITHOUT ROWID; "
         "CREATE INDEX idx_event_tagvalue_value ON event_tagvalue (value); "
         "UPDATE schema_info SET value = '1' WHERE key = 'version'; SELECT 1");
  SqliteStore store(path.string());
  const auto status = store.init(core::DatabaseFlavour::bigbrotr);
  EXPECT_TRUE(status.upgraded);
  EXPECT_EQ(store.schema_version(), 2);
  EXPECT_EQ(
      scalar(path, "SELECT group_concat(value, ',') FROM (SELECT value FROM event_tagvalue ORDER BY value)"),
      "e:ab,t:x");
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM sqlite_master WHERE name = 'idx_event_tagvalue_value'"), "0");
  const auto newer = make_event(1700000001, 1, {{"e", "ab"}});
  store.insert_events(std::vector{seen_on(newer, make_relay("wss://old.example"), 6)});
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM event_tagvalue WHERE value = 'e:ab'"), "2");
}

TEST(WalCheckpointer, CheckpointsBesideTheWriterAndKeepsTheWalBounded) {
  using core::store::sqlite::Connection;
  using core::store::sqlite::Transaction;
  using core::store::sqlite::WalCheckpointer;
  const fs::path path = fresh_database_path();
  constexpr int kCommits = 1000;
  {
    Connection writer(path.string());
    WalCheckpointer checkpointer(writer, path.string(), 8, 64);
    writer.exec("CREATE TABLE blob_rows (data BLOB NOT NULL)");
    const std::vector<std::uint8_t> row(16 * 1024, 0x5a);  // about four pages per commit
    for (int commit = 0; commit < kCommits; ++commit) {
      Transaction transaction(writer);
      writer.prepare("INSERT INTO blob_rows (data) VALUES (?1)").bind_blob(1, row).run();
      transaction.commit();
    }
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (checkpointer.checkpoints() == 0 && std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_GT(checkpointer.checkpoints(), 0U);
    // Without checkpoints the WAL would hold every commit: 1,000 × 5 pages, about 20 MiB.
    // It is restarted whenever a checkpoint has copied all of it while no other one runs.
    // The two threads race (a preempted background checkpoint makes the writer's inline
    // ones wait), so the bound is half of that, not the 64 pages configured.
    EXPECT_LT(fs::file_size(path.string() + "-wal"), 10U * 1024U * 1024U);
  }
  SqliteStore reopened(path.string());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* count = nullptr;
  sqlite3_prepare_v2(db, "SELECT count(*) FROM blob_rows", -1, &count, nullptr);
  ASSERT_EQ(sqlite3_step(count), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(count, 0), kCommits);
  sqlite3_finalize(count);
  sqlite3_close(db);
}

}  // namespace
}  // namespace bigbrotr::testing
