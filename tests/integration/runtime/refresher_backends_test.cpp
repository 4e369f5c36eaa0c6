// `bigbrotr refresher --once` refreshes every view on both backends, and on PostgreSQL a
// view whose refresh breaks does not stop the others.
#include <gtest/gtest.h>

#include "integration/runtime/runtime_test_support.hpp"
#include "support/postgres_server.hpp"

namespace bigbrotr::testing {
namespace {

constexpr const char* kAllRefreshed = "refresh done views=15 refreshed=15 failed=0";

TEST(RefresherBackends, SqliteRefreshesEveryView) {
  TempFolder folder;
  init_database(folder.sqlite_url());
  const CommandResult result = run_bigbrotr({"refresher", "--once", "--db", folder.sqlite_url()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find(kAllRefreshed), std::string::npos) << result.err;
}

class RefresherOnPostgres : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new PostgresServer(); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  // A new database with the schema; returns its conninfo.
  std::string fresh_database(const std::string& name) {
    server_->execute("postgres", "CREATE DATABASE " + name);
    const std::string conninfo = server_->conninfo(name);
    init_database(conninfo);
    return conninfo;
  }

  static PostgresServer* server_;
};

PostgresServer* RefresherOnPostgres::server_ = nullptr;

TEST_F(RefresherOnPostgres, RefreshesEveryView) {
  const std::string conninfo = fresh_database("refresh_all");
  const CommandResult result = run_bigbrotr({"refresher", "--once", "--db", conninfo});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find(kAllRefreshed), std::string::npos) << result.err;
}

TEST_F(RefresherOnPostgres, ABrokenViewIsCountedAndTheOthersStillRefresh) {
  const std::string conninfo = fresh_database("refresh_broken");
  server_->execute("refresh_broken", "DROP FUNCTION kind_counts_refresh()");
  const CommandResult result = run_bigbrotr({"refresher", "--once", "--db", conninfo});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("view refresh failed view=kind_counts"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("refresh done views=15 refreshed=14 failed=1"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("view refreshed view=supported_nip_counts"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace bigbrotr::testing
