#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "support/run_command.hpp"

namespace bigbrotr::app {
namespace {

using bigbrotr::testing::run_bigbrotr;
namespace fs = std::filesystem;

class InitCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("bigbrotr-init-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs init with BIGBROTR_DB unset unless `environment` sets it.
  static testing::CommandResult init(std::vector<std::string> args,
                                     std::vector<std::string> environment = {}) {
    args.insert(args.begin(), "init");
    environment.insert(environment.begin(), "-BIGBROTR_DB");
    return run_bigbrotr(args, "", environment);
  }

  fs::path dir_;
};

TEST_F(InitCommand, CreatesTheSchemaThenLeavesItUnchanged) {
  const fs::path db = dir_ / "new" / "folder" / "brotr.db";
  const auto first = init({"--db", "sqlite:" + db.string()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("backend sqlite\n"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("url sqlite:" + db.string() + "\n"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("flavour bigbrotr\n"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("schema_version 2\n"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("schema created\n"), std::string::npos) << first.out;
  EXPECT_TRUE(fs::exists(db));

  const auto second = init({"--db", "sqlite:" + db.string()});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("schema_version 2\n"), std::string::npos) << second.out;
  EXPECT_NE(second.out.find("schema unchanged\n"), std::string::npos) << second.out;
}

TEST_F(InitCommand, ReadsBigbrotrDbFromTheEnvironment) {
  const fs::path db = dir_ / "env.db";
  const auto result = init({}, {"BIGBROTR_DB=sqlite:" + db.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(fs::exists(db));
}

TEST_F(InitCommand, DbFlagWinsOverEnvironmentAndConfig) {
  const fs::path from_flag = dir_ / "flag.db";
  const fs::path from_env = dir_ / "env.db";
  const fs::path from_config = dir_ / "config.db";
  std::ofstream(dir_ / "brotr.yaml") << "database:\n  url: sqlite:" << from_config.string() << "\n";
  const auto result = init({"--db", "sqlite:" + from_flag.string(), "--config", dir_.string()},
                           {"BIGBROTR_DB=sqlite:" + from_env.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(fs::exists(from_flag));
  EXPECT_FALSE(fs::exists(from_env));
  EXPECT_FALSE(fs::exists(from_config));
}

TEST_F(InitCommand, ReadsTheUrlAndFlavourFromTheConfig) {
  const fs::path db = dir_ / "config.db";
  std::ofstream(dir_ / "brotr.yaml") << "database:\n  url: sqlite:" << db.string()
                                     << "\n  flavour: lilbrotr\n";
  const auto result = init({"--config", dir_.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("flavour lilbrotr\n"), std::string::npos) << result.out;
  EXPECT_TRUE(fs::exists(db));
}

TEST_F(InitCommand, KeepsTheFlavourOfAnExistingSchema) {
  const std::string url = "sqlite:" + (dir_ / "lil.db").string();
  ASSERT_EQ(init({"--db", url, "--flavour", "lilbrotr"}).exit_code, 0);
  const auto again = init({"--db", url});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("flavour lilbrotr\n"), std::string::npos) << again.out;
  const auto changed = init({"--db", url, "--flavour", "bigbrotr"});
  EXPECT_EQ(changed.exit_code, 1);
  EXPECT_NE(changed.err.find("flavour cannot change"), std::string::npos) << changed.err;
}

TEST_F(InitCommand, UnopenableDatabaseFailsClearly) {
  const fs::path folder = dir_ / "a-folder";
  fs::create_directories(folder);
  const auto result = init({"--db", "sqlite:" + folder.string()});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("cannot initialise the database sqlite:" + folder.string()), std::string::npos)
      << result.err;
  EXPECT_TRUE(result.out.empty());
}

TEST_F(InitCommand, RejectsAUrlThatIsNoDatabase) {
  const auto result = init({"--db", "mysql://nope"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--db"), std::string::npos) << result.err;
}

TEST_F(InitCommand, RejectsAnUnknownFlavour) {
  const auto result = init({"--db", "sqlite:" + (dir_ / "x.db").string(), "--flavour", "medium"});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_FALSE(fs::exists(dir_ / "x.db"));
}

}  // namespace
}  // namespace bigbrotr::app
