#include "core/catalog/catalog_query.hpp"

#include <gtest/gtest.h>

namespace bigbrotr::core::catalog {
namespace {

CatalogTable relay_table() {
  return CatalogTable{"relay_uptime",
                      true,
                      {{"relay_url", ColumnKind::text, false},
                       {"network", ColumnKind::text, false},
                       {"uptime_24h", ColumnKind::real, true},
                       {"checked_at", ColumnKind::integer, false},
                       {"streak_alive", ColumnKind::boolean, false},
                       {"id", ColumnKind::bytes, false}},
                      {"relay_url"}};
}

models::Result<CatalogQuery, CatalogError> parse(std::string_view text, PageLimits limits = {}) {
  return parse_catalog_query(relay_table(), text, limits);
}

std::string failure(std::string_view text) {
  const auto parsed = parse(text);
  return parsed ? std::string("(parsed)") : parsed.error().reason;
}

TEST(CatalogQuery, DefaultsWithoutParameters) {
  const auto query = parse("");
  ASSERT_TRUE(query);
  EXPECT_EQ(query->limit, 100u);
  EXPECT_EQ(query->offset, 0u);
  EXPECT_FALSE(query->sort);
  EXPECT_TRUE(query->filters.empty());
}

TEST(CatalogQuery, FiltersSortAndPage) {
  const auto query = parse("limit=10&offset=20&sort=uptime_24h:desc&network=clearnet&checked_at=ge:1700000000"
                           "&relay_url=prefix:wss%3A%2F%2Fnos&uptime_24h=%3E%3D:0.5");
  ASSERT_TRUE(query) << query.error().reason;
  EXPECT_EQ(query->limit, 10u);
  EXPECT_EQ(query->offset, 20u);
  ASSERT_TRUE(query->sort);
  EXPECT_EQ(query->sort->column, "uptime_24h");
  EXPECT_TRUE(query->sort->descending);
  ASSERT_EQ(query->filters.size(), 4u);
  EXPECT_EQ(query->filters[0].op, FilterOp::eq);
  EXPECT_EQ(query->filters[1].op, FilterOp::ge);
  EXPECT_EQ(query->filters[1].value, "1700000000");
  EXPECT_EQ(query->filters[2].op, FilterOp::prefix);
  EXPECT_EQ(query->filters[2].value, "wss://nos");
  EXPECT_EQ(query->filters[3].op, FilterOp::ge);
}

TEST(CatalogQuery, AUrlValueIsNotAnOperator) {
  const auto query = parse("relay_url=wss%3A%2F%2Frelay.example%2Fpath%3Fq%3D1");
  ASSERT_TRUE(query);
  EXPECT_EQ(query->filters[0].op, FilterOp::eq);
  EXPECT_EQ(query->filters[0].value, "wss://relay.example/path?q=1");
}

TEST(CatalogQuery, HostilePagesAreRefused) {
  EXPECT_EQ(failure("limit=10^12"), "limit must be an integer between 1 and 1000, got '10^12'");
  EXPECT_EQ(failure("limit=1000000000000"), "limit must be an integer between 1 and 1000, got '1000000000000'");
  EXPECT_EQ(failure("limit=0"), "limit must be an integer between 1 and 1000, got '0'");
  EXPECT_EQ(failure("offset=-1"), "offset must be an integer between 0 and 100000, got '-1'");
  EXPECT_EQ(failure("limit=1&limit=2"), "limit given twice");
}

TEST(CatalogQuery, HostileFiltersAreRefused) {
  EXPECT_EQ(failure("nope=1"), "unknown column 'nope'");
  EXPECT_EQ(failure("relay_url%3Bdrop=1"), "unknown column 'relay_url;drop'");
  EXPECT_EQ(failure("checked_at=1%27%20OR%201%3D1"), "bad value for checked_at: expected an integer, got '1' OR 1=1'");
  EXPECT_EQ(failure("uptime_24h=nan"), "bad value for uptime_24h: expected a number, got 'nan'");
  EXPECT_EQ(failure("streak_alive=yes"), "bad value for streak_alive: expected true or false, got 'yes'");
  EXPECT_EQ(failure("id=abc"), "bad value for id: expected hex bytes, got 'abc'");
  EXPECT_EQ(failure("checked_at=prefix:17"), "prefix and contains match only text columns, not 'checked_at'");
  EXPECT_EQ(failure("checked_at=contains:17"), "prefix and contains match only text columns, not 'checked_at'");
  EXPECT_EQ(failure("sort=uptime_24h:sideways"), "sort direction must be asc or desc, got 'sideways'");
  EXPECT_EQ(failure("sort=nope"), "unknown sort column 'nope'");
  EXPECT_EQ(failure("network=%zz"), "bad percent-encoding in 'network=%zz'");
  EXPECT_EQ(failure("network=%00"), "bad percent-encoding in 'network=%00'");
  EXPECT_EQ(failure("network=%4"), "bad percent-encoding in 'network=%4'");
  EXPECT_EQ(failure("=x"), "empty parameter name in '=x'");
}

TEST(CatalogQuery, QuotesInTextValuesAreJustText) {
  const auto query = parse("network=%27%3B%20DROP%20TABLE%20relay%3B--");
  ASSERT_TRUE(query);
  EXPECT_EQ(query->filters[0].value, "'; DROP TABLE relay;--");
}

TEST(CatalogQuery, TooManyFilters) {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "network=clearnet&";
  EXPECT_EQ(failure(text), "at most 32 filters");
}

TEST(CatalogQuery, KeyQueries) {
  const auto url = key_query(relay_table(), "wss%3A%2F%2Fa.example%2Fpath");
  ASSERT_TRUE(url);
  ASSERT_EQ(url->filters.size(), 1u);
  EXPECT_EQ(url->filters[0].value, "wss://a.example/path");
  EXPECT_EQ(url->limit, 1u);
  // A single-column key takes the whole rest of the path, '/' included.
  EXPECT_EQ(key_query(relay_table(), "wss://a/b?c")->filters[0].value, "wss://a/b?c");
  EXPECT_FALSE(key_query(relay_table(), "%zz"));
  CatalogTable composite = relay_table();
  composite.primary_key = {"network", "checked_at"};
  EXPECT_EQ(key_query(composite, "clearnet/17")->filters[1].value, "17");
  EXPECT_EQ(key_query(composite, "clearnet").error().reason, "expected 2 key values, got 1");
  EXPECT_EQ(key_query(composite, "clearnet/x").error().reason,
            "bad value for checked_at: expected an integer, got 'x'");
  composite.primary_key.clear();
  EXPECT_EQ(key_query(composite, "x").error().reason, "table relay_uptime has no primary key");
}

TEST(CatalogQuery, PercentDecoding) {
  EXPECT_EQ(percent_decode("a%20b+c"), "a b c");
  EXPECT_EQ(percent_decode("%E2%9C%93"), "\xe2\x9c\x93");
  EXPECT_FALSE(percent_decode("%"));
  EXPECT_FALSE(percent_decode("%G0"));
  EXPECT_FALSE(percent_decode("%00"));
}

TEST(CatalogQuery, PercentEncodingMakesOneSegmentThatDecodesBack) {
  const std::string url = "wss://relay.example/a b?x=1&y=~_-.\xe2\x9c\x93+";
  const std::string segment = percent_encode(url);
  EXPECT_EQ(segment.find_first_of("/?&:+ "), std::string::npos);
  EXPECT_EQ(percent_decode(segment), url);
  EXPECT_EQ(percent_encode("wss://a/b"), "wss%3A%2F%2Fa%2Fb");
}

TEST(CatalogQuery, WholeNumbers) {
  EXPECT_EQ(whole_number("-42"), -42);
  for (const char* bad : {"", " 1", "1 ", "+1", "1.0", "0x10", "99999999999999999999"}) {
    EXPECT_FALSE(whole_number(bad)) << bad;
  }
}

}  // namespace
}  // namespace bigbrotr::core::catalog
