#include "models/text_excerpt.hpp"

#include <gtest/gtest.h>

#include <string>

namespace bigbrotr::models {
namespace {

TEST(TextExcerpt, ShortTextIsKeptWhole) {
  EXPECT_EQ(quoted_excerpt("soon"), "'soon'");
  EXPECT_EQ(quoted_excerpt(""), "''");
  EXPECT_EQ(excerpt("soon"), "soon");
  const std::string limit(kExcerptMaxBytes, 'a');
  EXPECT_EQ(quoted_excerpt(limit), "'" + limit + "'");
}

TEST(TextExcerpt, LongTextIsCutWithAnEllipsisAndItsLength) {
  const std::string text(kExcerptMaxBytes + 1, 'a');
  EXPECT_EQ(quoted_excerpt(text),
            "'" + std::string(kExcerptKeptBytes, 'a') + "'... (" + std::to_string(text.size()) + " bytes)");
  EXPECT_EQ(excerpt(text),
            std::string(kExcerptKeptBytes, 'a') + "... (" + std::to_string(text.size()) + " bytes)");
}

TEST(TextExcerpt, TenMegabytesBecomeOneShortLine) {
  const std::string huge(10'000'000, '7');
  const std::string quoted = quoted_excerpt(huge);
  EXPECT_LT(quoted.size(), 100U);
  EXPECT_TRUE(quoted.ends_with("... (10000000 bytes)")) << quoted;
}

TEST(TextExcerpt, NeverCutsInsideAUtf8Sequence) {
  // "é" is two bytes: an odd prefix length must not end on its first byte.
  std::string text = "a";
  while (text.size() < 3 * kExcerptMaxBytes) text += "\xc3\xa9";
  const std::string cut = excerpt(text);
  const std::string kept = cut.substr(0, cut.find("..."));
  EXPECT_EQ(kept.size() % 2, 1U);
  EXPECT_LE(kept.size(), kExcerptKeptBytes);
  EXPECT_GE(kept.size(), kExcerptKeptBytes - 3);
}

TEST(TextExcerpt, ControlCharactersAreEscapedSoTheMessageStaysOneLine) {
  EXPECT_EQ(quoted_excerpt("a\nb\r\x01\x7f"), "'a\\x0ab\\x0d\\x01\\x7f'");
}

}  // namespace
}  // namespace bigbrotr::models
