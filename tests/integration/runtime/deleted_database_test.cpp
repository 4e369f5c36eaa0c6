// The SQLite database file deleted while a service runs: the service must not keep
// writing into the unlinked file and report success. The next cycle fails naming the
// path, and the service stops at once with exit 1 (retrying cannot bring the file back).
#include <gtest/gtest.h>

#include "integration/runtime/runtime_test_support.hpp"
#include "support/background_process.hpp"

namespace bigbrotr::testing {
namespace {

using namespace std::chrono_literals;

TEST(DeletedDatabase, NextCycleFailsNamingThePathAndTheServiceStopsWithExitOne) {
  TempFolder folder;
  init_database(folder.sqlite_url());
  folder.write("config/services/refresher.yaml", "interval: 0.2\n");
  auto refresher = start_bigbrotr(
      {"refresher", "--config", (folder.path() / "config").string(), "--db", folder.sqlite_url()},
      folder.path(), {"BIGBROTR_TEST_MIN_INTERVAL=0.1"});
  ASSERT_TRUE(refresher->wait_for_log("cycle done", 60s)) << refresher->err();
  const std::string path = (folder.path() / "bigbrotr.db").string();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  const auto exit_code = refresher->wait_exit(60s);
  ASSERT_TRUE(exit_code) << "still running after the database was deleted:\n" << refresher->err();
  EXPECT_EQ(*exit_code, 1) << refresher->err();
  EXPECT_NE(refresher->err().find("the database file " + path + " was deleted"), std::string::npos)
      << refresher->err();
}

}  // namespace
}  // namespace bigbrotr::testing
