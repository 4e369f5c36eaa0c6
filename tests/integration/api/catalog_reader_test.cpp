// The api's database access is read-only by construction and bounded in time, on SQLite
// (the file opened read-only) and PostgreSQL (READ ONLY transactions as `reader`).
#include "core/store/open_catalog_reader.hpp"
#include "integration/api/api_test_support.hpp"
#include "services/api/relay_directory.hpp"

namespace bigbrotr::testing {
namespace {

using namespace std::chrono_literals;

const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new PostgresServerEnvironment);

class CatalogReaderAccess : public ::testing::TestWithParam<ServiceBackend> {
 protected:
  void SetUp() override {
    harness_ = std::make_unique<ServiceHarness>(database_.url(), models::ServiceName::api);
    fill_known_relays(harness_->store(), 1'765'000'000);
    core::StorageConfig storage;
    storage.database.url = database_.url();
    reader_ = core::store::open_catalog_reader(storage, quiet_logger(), 1000ms);
  }

  ApiDatabase database_{GetParam()};
  std::unique_ptr<ServiceHarness> harness_;
  std::unique_ptr<core::catalog::CatalogReader> reader_;
};

TEST_P(CatalogReaderAccess, WritesAreRefused) {
  std::vector<std::string> writes{"DELETE FROM relay", "UPDATE relay SET network = 'tor'",
                                  "INSERT INTO relay (url, network, discovered_at) VALUES ('wss://x.example', 'clearnet', 1)",
                                  "DROP TABLE relay_status"};
  // PostgreSQL reads every statement as a subquery, where the above cannot even parse; a
  // function that writes is what the READ ONLY transaction must stop.
  if (GetParam() == ServiceBackend::postgresql)
    writes.emplace_back("SELECT relay_insert(ARRAY['wss://x.example'], ARRAY['clearnet'], ARRAY[1::BIGINT]) AS n");
  for (const std::string& sql : writes) {
    EXPECT_THROW(reader_->rows(sql, {}), core::store::StoreError) << sql;
  }
  EXPECT_EQ(harness_->store().counts().relays, 7u);
  EXPECT_EQ(reader_->rows("SELECT count(*) AS n FROM relay", {}).at(0).at("n").to_number<std::int64_t>(), 7);
}

TEST_P(CatalogReaderAccess, ALongQueryStopsAtTheTimeout) {
  const auto started = std::chrono::steady_clock::now();
  EXPECT_THROW(reader_->rows("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                             "SELECT count(*) AS n FROM c",
                             {}),
               core::catalog::CatalogTimeout);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
  // The reader is usable afterwards.
  EXPECT_EQ(reader_->rows("SELECT count(*) AS n FROM relay_status", {}).at(0).at("n").to_number<std::int64_t>(), 144);
}

TEST_P(CatalogReaderAccess, TablesCarryTheirKeys) {
  const auto tables = reader_->tables();
  const auto uptime = std::ranges::find(tables, "relay_uptime", &core::catalog::CatalogTable::name);
  ASSERT_NE(uptime, tables.end());
  EXPECT_EQ(uptime->primary_key, std::vector<std::string>{"relay_url"});
  const auto status = std::ranges::find(tables, "relay_status", &core::catalog::CatalogTable::name);
  ASSERT_NE(status, tables.end());
  EXPECT_EQ(status->primary_key, (std::vector<std::string>{"relay_id", "checked_at"}));
}

// The api's directory names the view's columns itself (it reads no schema per request):
// they must be the view's, in kind and order, on both backends.
TEST_P(CatalogReaderAccess, TheRelayDirectoryHasTheColumnsTheApiNames) {
  const auto tables = reader_->tables();
  const auto view = std::ranges::find(tables, "relay_directory", &core::catalog::CatalogTable::name);
  ASSERT_NE(view, tables.end());
  const auto expected = services::api::relay_directory().columns;
  ASSERT_EQ(view->columns.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(view->columns[i].name, expected[i].name) << i;
    EXPECT_EQ(view->columns[i].kind, expected[i].kind) << expected[i].name;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, CatalogReaderAccess,
                         ::testing::Values(ServiceBackend::sqlite, ServiceBackend::postgresql), backend_name);

TEST(CatalogReaderOpen, AnInMemoryDatabaseCannotBeShared) {
  core::StorageConfig storage;
  storage.database.url = "sqlite::memory:";
  EXPECT_THROW(core::store::open_catalog_reader(storage, quiet_logger(), 1000ms), core::store::StoreError);
}

}  // namespace
}  // namespace bigbrotr::testing
