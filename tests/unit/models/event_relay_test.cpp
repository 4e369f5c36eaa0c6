#include "models/event_relay.hpp"

#include <gtest/gtest.h>

namespace bigbrotr::models {
namespace {

const SecretKey kSecret{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};

Relay relay() { return Relay::parse("wss://relay.example.com").value(); }

TEST(EventRelay, AcceptsAStorableEvent) {
  auto observation = EventRelay::create(Event::sign(100, 1, {{"e", "x"}}, "hello", kSecret), relay(), 200);
  ASSERT_TRUE(observation.ok()) << observation.reason();
  EXPECT_EQ(observation->seen_at(), 200);
  EXPECT_EQ(observation->relay().url(), "wss://relay.example.com");
}

TEST(EventRelay, RejectsNulInContentOrTags) {
  EXPECT_EQ(EventRelay::create(Event::sign(1, 1, {}, std::string("a\0b", 3), kSecret), relay(), 1).reason(),
            "content contains NUL");
  EXPECT_EQ(EventRelay::create(Event::sign(1, 1, {{"t", std::string("\0", 1)}}, "", kSecret), relay(), 1).reason(),
            "tag value contains NUL");
}

TEST(EventRelay, RejectsOverlongTagValuesButAcceptsTheLimit) {
  EXPECT_TRUE(EventRelay::create(Event::sign(1, 1, {{"t", std::string(2048, 'x')}}, "", kSecret), relay(), 1).ok());
  EXPECT_FALSE(EventRelay::create(Event::sign(1, 1, {{"t", std::string(2049, 'x')}}, "", kSecret), relay(), 1).ok());
}

TEST(EventRelay, RejectsNegativeSeenAt) {
  EXPECT_FALSE(EventRelay::create(Event::sign(1, 1, {}, "", kSecret), relay(), -1).ok());
}

TEST(TagValuesIndex, KeepsSingleLetterTagsWithAValue) {
  const Event event =
      Event::sign(1, 1, {{"e", "ab"}, {"p", "cd", "wss://hint"}, {"relay", "x"}, {"t"}, {}, {"r", "wss://r.example"}},
                  "", kSecret);
  EXPECT_EQ(tag_values_index(event), (std::vector<std::string>{"e:ab", "p:cd", "r:wss://r.example"}));
}

TEST(TagValuesIndex, CountsTheNameInCharactersNotBytes) {
  const Event event = Event::sign(
      1, 1, {{"\xc3\xa9", "accent"}, {"\xf0\x9f\x99\x82", "emoji"}, {"\xc3\xa9\xc3\xa9", "two"}, {"", "none"}},
      "", kSecret);
  EXPECT_EQ(tag_values_index(event),
            (std::vector<std::string>{"\xc3\xa9:accent", "\xf0\x9f\x99\x82:emoji"}));
}

}  // namespace
}  // namespace bigbrotr::models
