// `bigbrotr backup`: a consistent copy while a writer goes on, on SQLite (checked with
// integrity_check, read back by the store) and PostgreSQL (pg_dump's custom format,
// restored into a fresh database with pg_restore, row counts compared).
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include <atomic>
#include <thread>

#include "core/store/open_store.hpp"
#include "integration/runtime/runtime_test_support.hpp"
#include "models/metadata.hpp"
#include "models/relay_metadata.hpp"
#include "models/relay_status.hpp"
#include "support/postgres_server.hpp"

namespace bigbrotr::testing {
namespace {

core::Logger quiet() {
  static std::ostream discard(nullptr);
  return core::Logger("test", core::LogLevel::error, core::LogFormat::text, discard);
}

std::unique_ptr<core::store::Store> open_database(const std::string& url) {
  core::StorageConfig config;
  config.database.url = url;
  return core::store::open_store(config, quiet(), models::ServiceName::monitor);
}

models::Relay test_relay(int index) {
  return models::Relay::parse("wss://relay" + std::to_string(index) + ".example.com", {}, 1000).value();
}

// 50 relays with one status row and one NIP-11 document each (relay_metadata rows are
// what SQLite 3.40's integrity_check misreports; the backup must see through that).
void fill(core::store::Store& store) {
  std::vector<models::Relay> relays;
  std::vector<models::RelayStatusRecord> statuses;
  std::vector<models::RelayMetadata> documents;
  for (int i = 0; i < 50; ++i) {
    relays.push_back(test_relay(i));
    statuses.push_back({relays.back(), 1000, models::up_verdict(), 100, 50, std::nullopt, {}});
    auto metadata = models::Metadata::create(
        models::MetadataType::nip11_info, boost::json::parse(R"({"data": {"name": "relay )" + std::to_string(i) + "\"}}"));
    documents.push_back(models::RelayMetadata::create(relays.back(), std::move(metadata).value(), 1000).value());
  }
  store.insert_relays(relays);
  store.insert_relay_statuses(statuses);
  store.insert_relay_metadata(documents);
}

TEST(Backup, SqliteCopiesOneMomentWhileAWriterGoesOn) {
  TempFolder folder;
  init_database(folder.sqlite_url());
  auto store = open_database(folder.sqlite_url());
  fill(*store);
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    for (std::int64_t at = 2000; !stop && at < 200000; ++at) {
      store->insert_relay_statuses(std::vector<models::RelayStatusRecord>{
          {test_relay(static_cast<int>(at % 50)), at, models::up_verdict(), 100, 50, std::nullopt, {}}});
      ++written;
    }
  });
  const auto copy = folder.path() / "copy.db";
  const CommandResult result = run_bigbrotr({"backup", "--db", folder.sqlite_url(), "--output", copy.string()});
  stop = true;
  writer.join();
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("backend sqlite"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("check integrity_check ok"), std::string::npos) << result.out;
  EXPECT_GT(written.load(), 0);
  const auto counts = open_database("sqlite:" + copy.string())->counts();
  EXPECT_EQ(counts.relays, 50);
  EXPECT_GE(counts.relay_statuses, 50);
  EXPECT_EQ(counts.relay_metadata, 50);
  EXPECT_FALSE(std::filesystem::exists(copy.string() + ".partial"));
  EXPECT_FALSE(std::filesystem::exists(copy.string() + "-wal"));

  // An existing file is never overwritten; an in-memory database has no file to copy.
  const CommandResult again = run_bigbrotr({"backup", "--db", folder.sqlite_url(), "--output", copy.string()});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("exists already"), std::string::npos) << again.err;
  const CommandResult memory =
      run_bigbrotr({"backup", "--db", "sqlite::memory:", "--output", (folder.path() / "m.db").string()});
  EXPECT_EQ(memory.exit_code, 1);
  EXPECT_NE(memory.err.find("is not a database file"), std::string::npos) << memory.err;
}

TEST(Backup, PostgresDumpRestoresIntoAFreshDatabase) {
  const PostgresServer server;
  server.execute("postgres", "CREATE DATABASE source");
  init_database(server.conninfo("source"));
  fill(*open_database(server.conninfo("source")));
  TempFolder folder;
  const auto dump = folder.path() / "bigbrotr.dump";
  const CommandResult result = run_bigbrotr({"backup", "--db", server.conninfo("source"), "--output", dump.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("backend postgresql"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("check pg_restore lists"), std::string::npos) << result.out;

  server.execute("postgres", "CREATE DATABASE restored");
  const std::string restore = "pg_restore --exit-on-error --dbname=" + shell_quote(server.conninfo("restored")) + " " +
                              shell_quote(dump.string()) + " 2>" + shell_quote((folder.path() / "restore.log").string());
  ASSERT_EQ(std::system(restore.c_str()), 0) << read_file(folder.path() / "restore.log");
  const auto source = open_database(server.conninfo("source"))->counts();
  const auto restored = open_database(server.conninfo("restored"))->counts();
  EXPECT_EQ(restored.relays, source.relays);
  EXPECT_EQ(restored.relay_statuses, source.relay_statuses);
  EXPECT_EQ(restored.relay_metadata, source.relay_metadata);
  EXPECT_EQ(restored.relays, 50);
}

}  // namespace
}  // namespace bigbrotr::testing
