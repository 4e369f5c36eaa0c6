#include "services/finder/tag_relays.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace bigbrotr::services::finder {
namespace {

std::vector<std::string> urls(const std::vector<models::Relay>& relays) {
  std::vector<std::string> result;
  for (const auto& relay : relays) result.push_back(relay.url());
  return result;
}

TEST(RelaysInTagValues, KeepsCanonicalRelayUrlsOfAnyLetter) {
  const std::vector<std::string> tags{"r:wss://Relay.Example.com/", "e:" + std::string(64, 'a'),
                                      "p:" + std::string(64, 'b'), "x:ws://other.example.org:7777"};
  EXPECT_EQ(urls(relays_in_tag_values(tags, {}, 5)),
            (std::vector<std::string>{"wss://relay.example.com", "wss://other.example.org:7777"}));
}

TEST(RelaysInTagValues, DeduplicatesWithinTheRow) {
  const std::vector<std::string> tags{"r:wss://relay.example.com", "r:WSS://relay.example.com/",
                                      "a:wss://relay.example.com"};
  EXPECT_EQ(relays_in_tag_values(tags, {}, 5).size(), 1U);
}

TEST(RelaysInTagValues, IgnoresGarbageWithoutThrowing) {
  std::string binary("r:wss://\0\x01\xff", 11);
  const std::vector<std::string> tags{"",
                                      "no colon",
                                      "r:",
                                      "r:https://web.example.com",
                                      "r:wss://",
                                      "r:not a url",
                                      binary,
                                      "r:" + std::string(100000, 'a'),
                                      "r:wss://exa mple.com",
                                      ":::"};
  EXPECT_TRUE(relays_in_tag_values(tags, {}, 5).empty());
}

TEST(RelaysInTagValues, LocalHostsOnlyWhenAllowed) {
  const std::vector<std::string> tags{"r:ws://127.0.0.1:7000"};
  EXPECT_TRUE(relays_in_tag_values(tags, {}, 5).empty());
  EXPECT_EQ(urls(relays_in_tag_values(tags, {true}, 5)), (std::vector<std::string>{"ws://127.0.0.1:7000"}));
}

}  // namespace
}  // namespace bigbrotr::services::finder
