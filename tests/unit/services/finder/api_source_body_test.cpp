#include "services/finder/api_source_body.hpp"

#include <gtest/gtest.h>

#include <string>

namespace bigbrotr::services::finder {
namespace {

RelayListExpression compile(std::string_view text) {
  auto expression = RelayListExpression::parse(text);
  if (!expression) throw std::logic_error(expression.reason());
  return std::move(expression).value();
}

TEST(RelaysFromBody, CanonicalisesAndDeduplicates) {
  const auto result = relays_from_body(R"(["wss://A.com","wss://a.com/","wss://b.com",42,"junk",null])",
                                       compile("[*]"), {}, 7);
  ASSERT_TRUE(result);
  ASSERT_EQ(result->relays.size(), 2U);
  EXPECT_EQ(result->relays[0].url(), "wss://a.com");
  EXPECT_EQ(result->relays[0].discovered_at(), 7);
  EXPECT_EQ(result->relays[1].url(), "wss://b.com");
  EXPECT_EQ(result->items, 4U);
  EXPECT_EQ(result->invalid_urls, 1U);
  EXPECT_EQ(result->non_strings, 1U);  // 42; `[*]` drops the null, as JMESPath does
}

TEST(RelaysFromBody, NotAListSelectsNothing) {
  const auto result = relays_from_body(R"({"relays":"wss://a.com"})", compile("relays"), {}, 7);
  ASSERT_TRUE(result);
  EXPECT_FALSE(result->was_list);
  EXPECT_TRUE(result->relays.empty());
}

TEST(RelaysFromBody, InvalidJsonIsAFailure) {
  for (const char* body : {"", "not json", "[\"wss://a.com\"", "{\"a\":}", "\xff\xfe"}) {
    const auto result = relays_from_body(body, compile("[*]"), {}, 7);
    ASSERT_FALSE(result) << body;
    EXPECT_TRUE(result.reason().starts_with("invalid json")) << result.reason();
  }
}

TEST(RelaysFromBody, DeepNestingIsRejectedNotRecursed) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const auto result = relays_from_body(deep, compile("[*]"), {}, 7);
  ASSERT_FALSE(result);
  EXPECT_TRUE(result.reason().starts_with("invalid json"));
}

TEST(RelaysFromBody, ModeratelyNestedListsAreWalked) {
  const auto result = relays_from_body(R"([[["wss://a.com"]],["wss://b.com"]])", compile("[][]"), {}, 7);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->relays.size(), 2U);
}

}  // namespace
}  // namespace bigbrotr::services::finder
