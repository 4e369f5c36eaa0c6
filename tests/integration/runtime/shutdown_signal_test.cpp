// SIGTERM and SIGINT end a running service cleanly: the cycle in flight finishes (nothing
// half-written), the process exits 0, and a wait between cycles ends at once.
#include <gtest/gtest.h>

#include <sstream>

#include "core/store/open_store.hpp"
#include "integration/runtime/runtime_test_support.hpp"
#include "support/background_process.hpp"

namespace bigbrotr::testing {
namespace {

using namespace std::chrono_literals;

std::size_t candidate_count(const std::string& database_url) {
  core::StorageConfig config;
  config.database.url = database_url;
  std::ostringstream discard;
  const core::Logger logger("test", core::LogLevel::error, core::LogFormat::text, discard);
  return core::store::open_store(config, logger, models::ServiceName::seeder)->all_candidates().size();
}

TEST(ShutdownSignal, SigtermMidCycleLetsTheCycleFinishAndExitsZero) {
  TempFolder folder;
  init_database(folder.sqlite_url());
  // Enough relays that registering them takes a while under the sanitizers.
  constexpr int kRelays = 60000;
  std::string seeds;
  for (int i = 0; i < kRelays; ++i) seeds += "wss://relay" + std::to_string(i) + ".example.com\n";
  const auto seed_file = folder.write("seeds.txt", seeds);
  auto seeder = start_bigbrotr({"seeder", "--db", folder.sqlite_url(), "--seed-file", seed_file.string()},
                               folder.path());
  ASSERT_TRUE(seeder->wait_for_log("seed file read", 120s)) << seeder->err();
  seeder->signal(SIGTERM);
  const auto exit_code = seeder->wait_exit(60s);
  ASSERT_TRUE(exit_code) << "still running after SIGTERM:\n" << seeder->err();
  EXPECT_EQ(*exit_code, 0) << seeder->err();
  EXPECT_NE(seeder->err().find("stop requested"), std::string::npos) << seeder->err();
  EXPECT_NE(seeder->err().find("candidates registered added=" + std::to_string(kRelays)), std::string::npos)
      << seeder->err();
  EXPECT_NE(seeder->err().find("service stopped"), std::string::npos);
  EXPECT_EQ(candidate_count(folder.sqlite_url()), static_cast<std::size_t>(kRelays));
}

class SignalDuringWait : public ::testing::TestWithParam<int> {};

TEST_P(SignalDuringWait, EndsTheWaitAtOnceAndExitsZero) {
  TempFolder folder;
  init_database(folder.sqlite_url());
  auto refresher = start_bigbrotr({"refresher", "--db", folder.sqlite_url()}, folder.path());
  ASSERT_TRUE(refresher->wait_for_log("cycle done", 60s)) << refresher->err();
  const auto signalled = std::chrono::steady_clock::now();
  refresher->signal(GetParam());
  const auto exit_code = refresher->wait_exit(30s);
  ASSERT_TRUE(exit_code) << refresher->err();
  EXPECT_EQ(*exit_code, 0) << refresher->err();
  EXPECT_LT(std::chrono::steady_clock::now() - signalled, 5s);
  EXPECT_NE(refresher->err().find("service stopped"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(SigtermAndSigint, SignalDuringWait, ::testing::Values(SIGTERM, SIGINT),
                         [](const auto& info) { return std::string(info.param == SIGTERM ? "sigterm" : "sigint"); });

TEST(ShutdownSignal, ServiceOnADatabaseWithoutSchemaTellsToRunInit) {
  TempFolder folder;
  const CommandResult result = run_bigbrotr({"refresher", "--once", "--db", folder.sqlite_url()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("run `bigbrotr init` first"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace bigbrotr::testing
