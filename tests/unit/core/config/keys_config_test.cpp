#include "core/config/keys_config.hpp"

#include <gtest/gtest.h>

#include "core/config/monitor_config.hpp"
#include "core/config/synchronizer_config.hpp"
#include "unit/core/config/config_test_support.hpp"

namespace bigbrotr::core {
namespace {

using testing::parse;
using testing::parse_error;
using testing::test_options;

const std::string kHexKey(64, 'a');

TEST(KeysConfig, KeyIsReadFromTheDefaultVariable) {
  const MonitorConfig c = parse<MonitorConfig>("", test_options({{"NOSTR_PRIVATE_KEY", kHexKey}}));
  ASSERT_TRUE(c.keys.private_key);
  EXPECT_EQ(c.keys.require().reveal(), kHexKey);
}

TEST(KeysConfig, KeysEnvNamesAnotherVariable) {
  const SynchronizerConfig c =
      parse<SynchronizerConfig>("keys: {keys_env: SYNC_KEY}", test_options({{"SYNC_KEY", "nsec1xyz"}}));
  EXPECT_EQ(c.keys.keys_env, "SYNC_KEY");
  EXPECT_EQ(c.keys.require().reveal(), "nsec1xyz");
}

TEST(KeysConfig, MissingKeyLoadsButRequireFailsWithThePath) {
  const MonitorConfig c = parse<MonitorConfig>("");
  EXPECT_EQ(c.keys.private_key, std::nullopt);
  try {
    c.keys.require();
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.file(), "test.yaml");
    EXPECT_EQ(e.key_path(), "keys.keys_env");
    EXPECT_EQ(e.rule(), "environment variable NOSTR_PRIVATE_KEY is not set");
  }
}

TEST(KeysConfig, EmptyVariableCountsAsMissing) {
  const MonitorConfig c = parse<MonitorConfig>("", test_options({{"NOSTR_PRIVATE_KEY", ""}}));
  EXPECT_THROW(c.keys.require(), ConfigError);
}

TEST(KeysConfig, EmptyKeysEnvIsRejected) {
  EXPECT_EQ(parse_error<MonitorConfig>("keys: {keys_env: ''}").key_path(), "keys.keys_env");
}

TEST(KeysConfig, TheKeyIsNotInErrorMessages) {
  const ConfigError e = parse_error<MonitorConfig>("processing: {chunk_size: 1}",
                                                   test_options({{"NOSTR_PRIVATE_KEY", kHexKey}}));
  EXPECT_EQ(std::string(e.what()).find(kHexKey), std::string::npos);
}

}  // namespace
}  // namespace bigbrotr::core
