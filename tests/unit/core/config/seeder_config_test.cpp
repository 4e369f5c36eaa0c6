#include "core/config/seeder_config.hpp"

#include <gtest/gtest.h>

#include "unit/core/config/config_test_support.hpp"

namespace bigbrotr::core {
namespace {

using testing::file_error;
using testing::parse;
using testing::parse_error;
using testing::TempDir;

TEST(SeederConfig, DefaultsMatchTheSpec) {
  const SeederConfig c = parse<SeederConfig>("");
  EXPECT_EQ(c.seed_file_path, "data/seed_relays.txt");
  EXPECT_TRUE(c.seed_to_validate);
  EXPECT_EQ(c.base.interval, 300.0);
}

TEST(SeederConfig, ReadsEveryKey) {
  const SeederConfig c = parse<SeederConfig>("seed: {file_path: /etc/relays.txt, to_validate: false}");
  EXPECT_EQ(c.seed_file_path, "/etc/relays.txt");
  EXPECT_FALSE(c.seed_to_validate);
}

TEST(SeederConfig, EmptyFilePathIsRejected) {
  EXPECT_EQ(parse_error<SeederConfig>("seed: {file_path: ''}").key_path(), "seed.file_path");
}

TEST(SeederConfig, WrongTypeOutOfRangeAndUnknownKeyNameFileAndPath) {
  TempDir dir;
  const std::string file = (dir.path() / "services/seeder.yaml").string();
  ConfigError e = file_error<SeederConfig>(dir, "services/seeder.yaml", "seed:\n  to_validate: maybe\n");
  EXPECT_EQ(e.file(), file);
  EXPECT_EQ(e.key_path(), "seed.to_validate");
  EXPECT_EQ(e.rule(), "expected true or false, got 'maybe'");

  e = file_error<SeederConfig>(dir, "services/seeder.yaml", "interval: 10\n");
  EXPECT_EQ(e.file(), file);
  EXPECT_EQ(e.key_path(), "interval");

  e = file_error<SeederConfig>(dir, "services/seeder.yaml", "seed:\n  filepath: x\n");
  EXPECT_EQ(e.file(), file);
  EXPECT_EQ(e.key_path(), "seed.filepath");
  EXPECT_EQ(e.rule(), "unknown key");
}

}  // namespace
}  // namespace bigbrotr::core
