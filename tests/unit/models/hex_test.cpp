#include "models/hex.hpp"

#include <gtest/gtest.h>

#include <array>

namespace bigbrotr::models {
namespace {

TEST(Hex, RoundTripsBytes) {
  const std::array<std::uint8_t, 4> bytes{0x00, 0x7f, 0xab, 0xff};
  EXPECT_EQ(to_hex(bytes), "007fabff");
  std::array<std::uint8_t, 4> decoded{};
  ASSERT_TRUE(decode_hex_lower("007fabff", decoded));
  EXPECT_EQ(decoded, bytes);
}

TEST(Hex, LowerCaseDecoderRejectsUpperCaseWrongLengthAndJunk) {
  std::array<std::uint8_t, 2> out{};
  EXPECT_FALSE(decode_hex_lower("ABCD", out));
  EXPECT_FALSE(decode_hex_lower("abc", out));
  EXPECT_FALSE(decode_hex_lower("abcdef", out));
  EXPECT_FALSE(decode_hex_lower("zz00", out));
  EXPECT_FALSE(decode_hex_lower("ab d", out));
}

TEST(Hex, AnyCaseDecoderAcceptsUpperCase) {
  std::array<std::uint8_t, 2> out{};
  ASSERT_TRUE(decode_hex_any_case("AbCd", out));
  EXPECT_EQ(out[0], 0xab);
  EXPECT_EQ(out[1], 0xcd);
}

}  // namespace
}  // namespace bigbrotr::models
