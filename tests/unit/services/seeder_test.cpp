#include "services/seeder.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "support/service_test_support.hpp"

namespace bigbrotr::services {
namespace {

using testing::candidate_urls;
using testing::relay_urls;
using testing::ServiceHarness;

// A seed file in a fresh temporary folder, removed with the fixture.
class SeederTest : public ::testing::Test {
 protected:
  SeederTest()
      : dir_(std::filesystem::temp_directory_path() / ("bigbrotr-seeder-" + std::to_string(::getpid()) + "-" +
                                                       ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    std::filesystem::create_directories(dir_);
  }
  ~SeederTest() override { std::filesystem::remove_all(dir_); }

  std::string write_seed(const std::string& text) {
    const auto path = dir_ / "seed.txt";
    std::ofstream(path) << text;
    return path.string();
  }
  core::SeederConfig config(const std::string& path, bool to_validate = true) {
    core::SeederConfig seeder;
    seeder.seed_file_path = path;
    seeder.seed_to_validate = to_validate;
    return seeder;
  }

  std::filesystem::path dir_;
  ServiceHarness harness_{"sqlite::memory:", models::ServiceName::seeder};
  std::ostringstream log_;
  core::Logger logger_{"seeder", core::LogLevel::debug, core::LogFormat::text, log_};
};

// The canonical form of the onion line of kMixedSeed (overlay relays use ws://).
constexpr const char* kOnion = "ws://oxtrdevav64z64yb7x6rjg4ntzqjhedm5b5zjqulugknhzr46ny2qbad.onion";

constexpr const char* kMixedSeed =
    "# bootstrap relays\n"
    "\n"
    "wss://relay.damus.io\n"
    "   wss://NOS.LOL/   \n"
    "wss://relay.damus.io/\n"
    "http://not-a-relay.example\n"
    "wss://\n"
    "ws://127.0.0.1:7777\n"
    "  # indented comment\n"
    "wss://oxtrdevav64z64yb7x6rjg4ntzqjhedm5b5zjqulugknhzr46ny2qbad.onion\n";

TEST_F(SeederTest, ReadSkipsCommentsAndBlanksAndCollapsesDuplicates) {
  const SeedFile seeds = read_seed_file(write_seed(kMixedSeed), {}, logger_);
  EXPECT_EQ(seeds.lines, 10u);
  EXPECT_EQ(seeds.skipped, 3u);
  EXPECT_EQ(seeds.duplicates, 1u);
  std::vector<std::string> urls;
  for (const auto& relay : seeds.relays) urls.push_back(relay.url());
  EXPECT_EQ(urls, (std::vector<std::string>{"wss://relay.damus.io", "wss://nos.lol", kOnion}));
}

TEST_F(SeederTest, ReadCountsInvalidLinesWithTheirReasons) {
  const SeedFile seeds = read_seed_file(write_seed(kMixedSeed), {}, logger_);
  EXPECT_EQ(seeds.invalid, 3u);
  std::size_t by_reason = 0;
  for (const auto& [reason, count] : seeds.invalid_reasons) {
    EXPECT_FALSE(reason.empty());
    by_reason += count;
  }
  EXPECT_EQ(by_reason, 3u);
  EXPECT_EQ(seeds.invalid_reasons.count("local addresses not allowed"), 1u);
  EXPECT_NE(log_.str().find("http://not-a-relay.example"), std::string::npos);
}

TEST_F(SeederTest, ReadAcceptsLocalRelaysWhenAllowed) {
  const SeedFile seeds = read_seed_file(write_seed("ws://127.0.0.1:7777\n"), {.allow_local = true}, logger_);
  ASSERT_EQ(seeds.relays.size(), 1u);
  EXPECT_EQ(seeds.relays[0].url(), "ws://127.0.0.1:7777");
}

TEST_F(SeederTest, UnreadableFileWarnsAndYieldsNothing) {
  const SeedFile seeds = read_seed_file((dir_ / "missing.txt").string(), {}, logger_);
  EXPECT_TRUE(seeds.relays.empty());
  EXPECT_EQ(seeds.lines, 0u);
  EXPECT_NE(log_.str().find("WARNING seeder seed file unreadable"), std::string::npos) << log_.str();
}

TEST_F(SeederTest, RunRegistersCandidates) {
  Seeder seeder(config(write_seed(kMixedSeed)), {}, harness_.context());
  seeder.run();
  EXPECT_EQ(candidate_urls(harness_.store()),
            (std::vector<std::string>{kOnion, "wss://nos.lol", "wss://relay.damus.io"}));
  EXPECT_TRUE(relay_urls(harness_.store()).empty());
}

TEST_F(SeederTest, RunInsertsRelaysWhenNotValidating) {
  Seeder seeder(config(write_seed(kMixedSeed), false), {}, harness_.context());
  seeder.run();
  auto urls = relay_urls(harness_.store());
  std::sort(urls.begin(), urls.end());
  EXPECT_EQ(urls, (std::vector<std::string>{kOnion, "wss://nos.lol", "wss://relay.damus.io"}));
  EXPECT_TRUE(candidate_urls(harness_.store()).empty());
}

TEST_F(SeederTest, RunningTwiceAddsNoDuplicates) {
  Seeder seeder(config(write_seed(kMixedSeed)), {}, harness_.context());
  seeder.run();
  seeder.run();
  EXPECT_EQ(candidate_urls(harness_.store()).size(), 3u);
  Seeder direct(config(write_seed(kMixedSeed), false), {}, harness_.context());
  direct.run();
  direct.run();
  EXPECT_EQ(relay_urls(harness_.store()).size(), 3u);
}

TEST_F(SeederTest, RerunKeepsAnExistingCandidatesFailureCount) {
  Seeder seeder(config(write_seed("wss://relay.damus.io\n")), {}, harness_.context());
  seeder.run();
  auto candidates = harness_.store().all_candidates();
  ASSERT_EQ(candidates.size(), 1u);
  harness_.store().record_candidate_failures(candidates, 5000);
  seeder.run();
  candidates = harness_.store().all_candidates();
  ASSERT_EQ(candidates.size(), 1u);
  EXPECT_EQ(candidates[0].failures, 1);
}

TEST_F(SeederTest, RunSkipsCandidatesThatAreAlreadyRelays) {
  harness_.store().insert_relays(std::vector{testing::relay_of("wss://nos.lol")});
  Seeder seeder(config(write_seed(kMixedSeed)), {}, harness_.context());
  seeder.run();
  EXPECT_EQ(candidate_urls(harness_.store()), (std::vector<std::string>{kOnion, "wss://relay.damus.io"}));
}

TEST_F(SeederTest, RunWithOnlyInvalidLinesWritesNothing) {
  Seeder seeder(config(write_seed("# nothing\nnot a url\n")), {}, harness_.context());
  seeder.run();
  EXPECT_TRUE(candidate_urls(harness_.store()).empty());
  EXPECT_NE(harness_.log().find("no valid relay in the seed file"), std::string::npos);
}

TEST_F(SeederTest, RunWithAnUnreadableFileWritesNothing) {
  Seeder seeder(config((dir_ / "missing.txt").string()), {}, harness_.context());
  seeder.run();
  EXPECT_TRUE(candidate_urls(harness_.store()).empty());
  EXPECT_NE(harness_.log().find("seed file unreadable"), std::string::npos);
}

}  // namespace
}  // namespace bigbrotr::services
