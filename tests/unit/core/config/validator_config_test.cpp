#include "core/config/validator_config.hpp"

#include <gtest/gtest.h>

#include "unit/core/config/config_test_support.hpp"

namespace bigbrotr::core {
namespace {

using testing::file_error;
using testing::parse;
using testing::parse_error;
using testing::TempDir;

TEST(ValidatorConfig, DefaultsMatchTheSpec) {
  const ValidatorConfig c = parse<ValidatorConfig>("");
  EXPECT_EQ(c.processing.chunk_size, 100);
  EXPECT_EQ(c.processing.max_candidates, std::nullopt);
  EXPECT_EQ(c.processing.interval, 3600.0);
  EXPECT_FALSE(c.processing.allow_insecure);
  EXPECT_TRUE(c.cleanup.enabled);
  EXPECT_EQ(c.cleanup.max_failures, 720);
  EXPECT_TRUE(c.networks.clearnet.enabled);
}

TEST(ValidatorConfig, ReadsEveryKey) {
  const ValidatorConfig c = parse<ValidatorConfig>(
      "processing: {chunk_size: 10, max_candidates: 5000, interval: 0, allow_insecure: true}\n"
      "cleanup: {enabled: false, max_failures: 1}\nnetworks: {tor: {enabled: true}}\n");
  EXPECT_EQ(c.processing.chunk_size, 10);
  EXPECT_EQ(c.processing.max_candidates, 5000);
  EXPECT_EQ(c.processing.interval, 0.0);
  EXPECT_TRUE(c.processing.allow_insecure);
  EXPECT_FALSE(c.cleanup.enabled);
  EXPECT_EQ(c.cleanup.max_failures, 1);
  EXPECT_TRUE(c.networks.tor.enabled);
}

TEST(ValidatorConfig, BoundsAreEnforced) {
  EXPECT_EQ(parse_error<ValidatorConfig>("processing: {max_candidates: 0}").key_path(),
            "processing.max_candidates");
  EXPECT_EQ(parse_error<ValidatorConfig>("processing: {interval: 604801}").key_path(), "processing.interval");
  EXPECT_EQ(parse_error<ValidatorConfig>("cleanup: {max_failures: 0}").key_path(), "cleanup.max_failures");
}

TEST(ValidatorConfig, WrongTypeOutOfRangeAndUnknownKeyNameFileAndPath) {
  TempDir dir;
  const std::string file = (dir.path() / "services/validator.yaml").string();
  ConfigError e = file_error<ValidatorConfig>(dir, "services/validator.yaml", "cleanup:\n  enabled: 1\n");
  EXPECT_EQ(e.file(), file);
  EXPECT_EQ(e.key_path(), "cleanup.enabled");
  EXPECT_EQ(e.rule(), "expected true or false, got '1'");

  e = file_error<ValidatorConfig>(dir, "services/validator.yaml", "processing:\n  chunk_size: 5\n");
  EXPECT_EQ(e.file(), file);
  EXPECT_EQ(e.key_path(), "processing.chunk_size");
  EXPECT_EQ(e.rule(), "must be between 10 and 1000, got 5");
  EXPECT_EQ(std::string(e.what()), file + ": processing.chunk_size: must be between 10 and 1000, got 5");

  e = file_error<ValidatorConfig>(dir, "services/validator.yaml", "networks:\n  tor:\n    enable: true\n");
  EXPECT_EQ(e.key_path(), "networks.tor.enable");
  EXPECT_EQ(e.rule(), "unknown key");
}

}  // namespace
}  // namespace bigbrotr::core
