#include "core/config/scalar_text.hpp"

#include <gtest/gtest.h>

namespace bigbrotr::core {
namespace {

TEST(ScalarText, BoolAcceptsOnlyYaml12Spellings) {
  EXPECT_EQ(parse_bool_text("true"), true);
  EXPECT_EQ(parse_bool_text("True"), true);
  EXPECT_EQ(parse_bool_text("FALSE"), false);
  for (const char* text : {"yes", "no", "on", "off", "y", "n", "1", "0", "tRue", "", " true"}) {
    EXPECT_EQ(parse_bool_text(text), std::nullopt) << text;
  }
}

TEST(ScalarText, IntAcceptsSignedDecimals) {
  EXPECT_EQ(parse_int_text("42"), 42);
  EXPECT_EQ(parse_int_text("-7"), -7);
  EXPECT_EQ(parse_int_text("+3"), 3);
  EXPECT_EQ(parse_int_text("9223372036854775807"), INT64_MAX);
}

TEST(ScalarText, IntRejectsEverythingElse) {
  for (const char* text :
       {"", "abc", "1.0", "1e3", "0x10", "1_000", " 1", "1 ", "+", "+-1", "++1", "99999999999999999999"}) {
    EXPECT_EQ(parse_int_text(text), std::nullopt) << text;
  }
}

TEST(ScalarText, RealAcceptsDecimalsAndExponents) {
  EXPECT_EQ(parse_real_text("1"), 1.0);
  EXPECT_EQ(parse_real_text("0.5"), 0.5);
  EXPECT_EQ(parse_real_text("-2.5e3"), -2500.0);
  EXPECT_EQ(parse_real_text("+1.5"), 1.5);
  EXPECT_EQ(parse_real_text(".5"), 0.5);
}

TEST(ScalarText, RealRejectsNonFiniteAndGarbage) {
  for (const char* text : {"", "abc", "inf", ".inf", "nan", ".nan", "1e999", "0x1p3", "1,5", "1.5s", "--1"}) {
    EXPECT_EQ(parse_real_text(text), std::nullopt) << text;
  }
}

}  // namespace
}  // namespace bigbrotr::core
