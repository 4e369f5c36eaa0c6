#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "services/synchronizer/window_filter.hpp"
#include "support/service_test_support.hpp"

namespace bigbrotr::services::synchronizer {
namespace {

using testing::signed_event;

core::EventFilterConfig kinds_filter(std::vector<std::int64_t> kinds) {
  core::EventFilterConfig config;
  config.kinds = std::move(kinds);
  return config;
}

TEST(WindowFilter, EmptyFilterAsksForTheWindowOnly) {
  const WindowFilter filter{core::EventFilterConfig{}};
  EXPECT_EQ(boost::json::serialize(filter.to_json({10, 20}, 500)), R"({"since":10,"until":20,"limit":500})");
}

TEST(WindowFilter, RequestCarriesEveryConfiguredCondition) {
  core::EventFilterConfig config = kinds_filter({1, 7});
  config.authors = std::vector<std::string>{std::string(64, 'a')};
  config.tags['e'] = {"x", "y"};
  const auto json = WindowFilter(config).to_json({1, 2}, 3);
  EXPECT_EQ(boost::json::serialize(json.at("kinds")), "[1,7]");
  EXPECT_EQ(boost::json::serialize(json.at("authors")), "[\"" + std::string(64, 'a') + "\"]");
  EXPECT_EQ(boost::json::serialize(json.at("#e")), R"(["x","y"])");
  EXPECT_EQ(json.at("limit").to_number<std::int64_t>(), 3);
}

TEST(WindowFilter, MatchesOnlyInsideTheInclusiveWindow) {
  const WindowFilter filter{core::EventFilterConfig{}};
  const auto event = signed_event(100, {}, "a");
  EXPECT_TRUE(filter.matches(event, {100, 100}));
  EXPECT_TRUE(filter.matches(event, {50, 100}));
  EXPECT_FALSE(filter.matches(event, {101, 200}));
  EXPECT_FALSE(filter.matches(event, {0, 99}));
}

TEST(WindowFilter, KindsMustContainTheEventKind) {
  const auto event = signed_event(100, {}, "a");  // kind 1
  EXPECT_TRUE(WindowFilter(kinds_filter({0, 1})).matches(event, {0, 200}));
  EXPECT_FALSE(WindowFilter(kinds_filter({0, 3})).matches(event, {0, 200}));
}

TEST(WindowFilter, AuthorsAndIdsCompareTheExactKey) {
  const auto event = signed_event(100, {}, "a");
  core::EventFilterConfig by_author;
  by_author.authors = std::vector<std::string>{event.pubkey_hex()};
  EXPECT_TRUE(WindowFilter(by_author).matches(event, {0, 200}));
  by_author.authors = std::vector<std::string>{std::string(64, '0')};
  EXPECT_FALSE(WindowFilter(by_author).matches(event, {0, 200}));
  core::EventFilterConfig by_id;
  by_id.ids = std::vector<std::string>{event.id_hex()};
  EXPECT_TRUE(WindowFilter(by_id).matches(event, {0, 200}));
  by_id.ids = std::vector<std::string>{std::string(64, 'f')};
  EXPECT_FALSE(WindowFilter(by_id).matches(event, {0, 200}));
}

TEST(WindowFilter, TagConditionNeedsATagWithThatLetterAndAListedValue) {
  const auto event = signed_event(100, {{"e", "x"}, {"p", "y"}, {"t"}}, "a");
  core::EventFilterConfig config;
  config.tags['e'] = {"x"};
  EXPECT_TRUE(WindowFilter(config).matches(event, {0, 200}));
  config.tags['e'] = {"y"};
  EXPECT_FALSE(WindowFilter(config).matches(event, {0, 200}));
  config.tags.clear();
  config.tags['t'] = {""};
  EXPECT_FALSE(WindowFilter(config).matches(event, {0, 200})) << "a tag without a value matches nothing";
  config.tags.clear();
  config.tags['e'] = {"x"};
  config.tags['p'] = {"z"};
  EXPECT_FALSE(WindowFilter(config).matches(event, {0, 200})) << "tag conditions are ANDed";
}

TEST(WindowFilter, WindowFiltersKeepsConfiguredOrder) {
  const auto filters = window_filters({kinds_filter({1}), kinds_filter({2})});
  ASSERT_EQ(filters.size(), 2U);
  EXPECT_EQ(boost::json::serialize(filters[1].to_json({0, 0}, 1).at("kinds")), "[2]");
}

}  // namespace
}  // namespace bigbrotr::services::synchronizer
