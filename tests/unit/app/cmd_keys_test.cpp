#include <gtest/gtest.h>

#include "support/run_command.hpp"

namespace bigbrotr::app {
namespace {

using bigbrotr::testing::run_bigbrotr;

TEST(KeysCommand, GeneratePrintsSecretAndPublicForms) {
  const auto result = run_bigbrotr({"keys", "generate"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("secret_key_hex "), std::string::npos);
  EXPECT_NE(result.out.find("nsec nsec1"), std::string::npos);
  EXPECT_NE(result.out.find("npub npub1"), std::string::npos);
  EXPECT_TRUE(result.err.empty());
}

TEST(KeysCommand, ShowPrintsOnlyThePublicKey) {
  const std::string secret = "67dea2ed018072d675f5415ecfaed7d2597555e202d85b3d65ea4e58d2d92ffa";
  const auto result = run_bigbrotr({"keys", "show"}, "", {"NOSTR_PRIVATE_KEY=" + secret});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.find(secret), std::string::npos);
  EXPECT_EQ(result.out.find("nsec"), std::string::npos);
  EXPECT_NE(result.out.find("npub npub1"), std::string::npos);
}

TEST(KeysCommand, ShowReadsTheNamedVariable) {
  const auto generated = run_bigbrotr({"keys", "generate"});
  const auto nsec_at = generated.out.find("nsec1");
  const std::string nsec = generated.out.substr(nsec_at, generated.out.find('\n', nsec_at) - nsec_at);
  const auto shown = run_bigbrotr({"keys", "show", "--env", "MY_KEY"}, "", {"MY_KEY=" + nsec});
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  const auto npub_at = generated.out.find("npub npub1");
  EXPECT_NE(shown.out.find(generated.out.substr(npub_at, 68)), std::string::npos);
}

TEST(KeysCommand, ShowWithoutAKeyFailsClearly) {
  const auto result = run_bigbrotr({"keys", "show"}, "", {"-NOSTR_PRIVATE_KEY"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("NOSTR_PRIVATE_KEY environment variable not set"), std::string::npos);
}

TEST(KeysCommand, ShowWithABadKeyDoesNotEchoIt) {
  const std::string bad = "nsec1thisisnotavalidkeyatallxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
  const auto result = run_bigbrotr({"keys", "show"}, "", {"NOSTR_PRIVATE_KEY=" + bad});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err.find(bad), std::string::npos);
}

}  // namespace
}  // namespace bigbrotr::app
