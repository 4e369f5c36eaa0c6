#include "utils/keys.hpp"

#include <gtest/gtest.h>

#include <map>

#include "models/hex.hpp"

namespace bigbrotr::utils {
namespace {

constexpr std::string_view kNip19Secret = "67dea2ed018072d675f5415ecfaed7d2597555e202d85b3d65ea4e58d2d92ffa";
constexpr std::string_view kNip19Nsec = "nsec1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe5";

EnvironmentLookup fake_environment(std::map<std::string, std::string> values) {
  return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
    const auto it = values.find(std::string(name));
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

TEST(Keys, DecodesNip19Vectors) {
  auto npub = decode_npub("npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg");
  ASSERT_TRUE(npub.ok());
  EXPECT_EQ(models::to_hex(*npub), "7e7e9c42a91bfef19fa929e5fda1b72e0ebc1a4c1141673e2794234d86addf4e");
  EXPECT_EQ(encode_npub(*npub), "npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg");

  auto nsec = decode_nsec(kNip19Nsec);
  ASSERT_TRUE(nsec.ok());
  EXPECT_EQ(models::to_hex(*nsec), kNip19Secret);
  EXPECT_EQ(encode_nsec(*nsec), kNip19Nsec);
}

TEST(Keys, EncodesTheNip19PublicKeyExample) {
  models::XOnlyPublicKey key{};
  ASSERT_TRUE(models::decode_hex_lower("3bf0c63fcb93463407af97a5e5ee64fa883d107ef9e558472c4eb9aaaefa459d", key));
  EXPECT_EQ(encode_npub(key), "npub180cvv07tjdrrgpa0j7j7tmnyl2yr6yr7l8j4s3evf6u64th6gkwsyjh6w6");
}

TEST(Keys, ParsesHexAndNsecToTheSameKeys) {
  auto from_hex = Keys::parse(kNip19Secret);
  auto from_upper_hex = Keys::parse("67DEA2ED018072D675F5415ECFAED7D2597555E202D85B3D65EA4E58D2D92FFA");
  auto from_nsec = Keys::parse(std::string("  ") + std::string(kNip19Nsec) + "\n");
  ASSERT_TRUE(from_hex.ok());
  ASSERT_TRUE(from_upper_hex.ok());
  ASSERT_TRUE(from_nsec.ok());
  EXPECT_EQ(from_hex->public_key(), from_nsec->public_key());
  EXPECT_EQ(from_hex->public_key(), from_upper_hex->public_key());
  EXPECT_EQ(from_nsec->reveal_secret_hex(), kNip19Secret);
  EXPECT_EQ(from_hex->reveal_nsec(), kNip19Nsec);
}

TEST(Keys, RejectsBadSecretsWithoutEchoingThem) {
  for (const std::string& bad : std::vector<std::string>{"", "abc", std::string(64, 'g'), std::string(64, '0'),
                                "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
                                "npub10elfcs4fr0l0r8af98jlmgdh9c8tcxjvz9qkw038js35mp4dma8qzvjptg",
                                "nsec1vl029mgpspedva04g90vltkh6fvh240zqtv9k0t9af8935ke9laqsnlfe6"}) {
    auto keys = Keys::parse(bad);
    ASSERT_FALSE(keys.ok()) << bad;
    if (bad.size() > 8) {
      EXPECT_EQ(keys.reason().find(bad), std::string::npos);
    }
  }
}

TEST(Keys, LoadsFromTheEnvironment) {
  auto keys = Keys::from_environment("NOSTR_PRIVATE_KEY", fake_environment({{"NOSTR_PRIVATE_KEY", std::string(kNip19Nsec)}}));
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ(keys->reveal_secret_hex(), kNip19Secret);
}

TEST(Keys, MissingOrEmptyVariableIsAClearFailure) {
  auto missing = Keys::from_environment("NOSTR_PRIVATE_KEY", fake_environment({}));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.reason(), "NOSTR_PRIVATE_KEY environment variable not set");
  auto empty = Keys::from_environment("NOSTR_PRIVATE_KEY", fake_environment({{"NOSTR_PRIVATE_KEY", " "}}));
  EXPECT_FALSE(empty.ok());
  auto bad = Keys::from_environment("K", fake_environment({{"K", "zz"}}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.reason().rfind("K: ", 0), 0u);
}

TEST(Keys, GeneratesDistinctValidKeys) {
  const Keys a = Keys::generate();
  const Keys b = Keys::generate();
  EXPECT_NE(a.public_key(), b.public_key());
  auto reparsed = Keys::parse(a.reveal_nsec());
  ASSERT_TRUE(reparsed.ok());
  EXPECT_EQ(reparsed->public_key(), a.public_key());
  EXPECT_EQ(a.npub().rfind("npub1", 0), 0u);
}

}  // namespace
}  // namespace bigbrotr::utils
