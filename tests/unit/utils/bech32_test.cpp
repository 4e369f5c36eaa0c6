#include "utils/bech32.hpp"

#include <gtest/gtest.h>

namespace bigbrotr::utils {
namespace {

TEST(Bech32, RoundTripsBytes) {
  const std::vector<std::uint8_t> bytes{0, 1, 2, 250, 251, 255, 7};
  const std::string text = bech32_encode("test", bytes);
  auto decoded = bech32_decode(text);
  ASSERT_TRUE(decoded.ok()) << decoded.reason();
  EXPECT_EQ(decoded->hrp, "test");
  EXPECT_EQ(decoded->bytes, bytes);
}

TEST(Bech32, DecodesBip173Vectors) {
  EXPECT_TRUE(bech32_decode("A12UEL5L").ok());
  EXPECT_TRUE(bech32_decode("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw").ok());
  EXPECT_TRUE(bech32_decode("split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w").ok());
}

TEST(Bech32, RejectsInvalidStrings) {
  EXPECT_FALSE(bech32_decode("").ok());
  EXPECT_FALSE(bech32_decode("pzry9x0s0muk").ok());           // no separator
  EXPECT_FALSE(bech32_decode("1pzry9x0s0muk").ok());          // empty prefix
  EXPECT_FALSE(bech32_decode("x1b4n0q5v").ok());              // invalid data character
  EXPECT_FALSE(bech32_decode("li1dgmt3").ok());               // checksum too short
  EXPECT_FALSE(bech32_decode("A1G7SGD8").ok());               // checksum computed with upper-case hrp
  EXPECT_FALSE(bech32_decode("a12UEL5L").ok());               // mixed case
  EXPECT_FALSE(bech32_decode(std::string(6000, 'q')).ok());   // too long
  EXPECT_FALSE(bech32_decode("abc\x01" "1qqqqqq").ok());      // control character
}

TEST(Bech32, RejectsAFlippedChecksumCharacter) {
  std::string text = bech32_encode("npub", std::vector<std::uint8_t>(32, 7));
  text.back() = text.back() == 'q' ? 'p' : 'q';
  EXPECT_FALSE(bech32_decode(text).ok());
}

}  // namespace
}  // namespace bigbrotr::utils
