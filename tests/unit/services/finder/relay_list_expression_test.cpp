#include "services/finder/relay_list_expression.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <string>

namespace bigbrotr::services::finder {
namespace {

// Evaluates `expression` on `document` and returns the result as compact JSON.
std::string run(std::string_view expression, std::string_view document) {
  auto compiled = RelayListExpression::parse(expression);
  if (!compiled) return "parse error: " + compiled.reason();
  return boost::json::serialize(compiled->evaluate(boost::json::parse(document)));
}

std::string parse_error(std::string_view expression) {
  auto compiled = RelayListExpression::parse(expression);
  return compiled ? "" : compiled.reason();
}

TEST(RelayListExpression, WildcardSelectsEveryElementOfATopLevelList) {
  EXPECT_EQ(run("[*]", R"(["wss://a.com","wss://b.com"])"), R"(["wss://a.com","wss://b.com"])");
}

TEST(RelayListExpression, CurrentNodeIsTheWholeDocument) {
  EXPECT_EQ(run("@", R"(["wss://a.com"])"), R"(["wss://a.com"])");
}

TEST(RelayListExpression, NestedFieldsAndProjection) {
  EXPECT_EQ(run("data.relays[*].url",
                R"({"data":{"relays":[{"url":"wss://a.com"},{"url":"wss://b.com"},{"x":1}]}})"),
            R"(["wss://a.com","wss://b.com"])");
}

TEST(RelayListExpression, ProjectionOverTopLevelListOfObjects) {
  EXPECT_EQ(run("[*].url", R"([{"url":"wss://a.com"},{"url":"wss://b.com"}])"),
            R"(["wss://a.com","wss://b.com"])");
}

TEST(RelayListExpression, KeysOfTheRootObject) {
  EXPECT_EQ(run("keys(@)", R"({"wss://a.com":{},"wss://b.com":{}})"), R"(["wss://a.com","wss://b.com"])");
  EXPECT_EQ(run("keys(data)", R"({"data":{"wss://a.com":1}})"), R"(["wss://a.com"])");
}

TEST(RelayListExpression, ValuesAndObjectProjection) {
  EXPECT_EQ(run("values(@)", R"({"a":"wss://a.com","b":"wss://b.com"})"), R"(["wss://a.com","wss://b.com"])");
  EXPECT_EQ(run("*.url", R"({"a":{"url":"wss://a.com"},"b":{"url":"wss://b.com"}})"),
            R"(["wss://a.com","wss://b.com"])");
}

TEST(RelayListExpression, IndexesCountFromEitherEnd) {
  EXPECT_EQ(run("[0]", R"(["a","b","c"])"), R"("a")");
  EXPECT_EQ(run("[-1]", R"(["a","b","c"])"), R"("c")");
  EXPECT_EQ(run("[9]", R"(["a"])"), "null");
}

TEST(RelayListExpression, FlattenMergesOneLevel) {
  EXPECT_EQ(run("groups[]", R"({"groups":[["a","b"],["c"],"d"]})"), R"(["a","b","c","d"])");
  EXPECT_EQ(run("groups[].url", R"({"groups":[[{"url":"a"}],[{"url":"b"}]]})"), R"(["a","b"])");
}

TEST(RelayListExpression, QuotedFieldsAndSpaces) {
  EXPECT_EQ(run(R"( "relay list" [ * ] )", R"({"relay list":["a"]})"), R"(["a"])");
}

TEST(RelayListExpression, WrongTypesGiveNullNotErrors) {
  EXPECT_EQ(run("data.relays", R"([1,2])"), "null");
  EXPECT_EQ(run("[*]", R"({"a":1})"), "null");
  EXPECT_EQ(run("keys(@)", R"(["a"])"), "null");
  EXPECT_EQ(run("a.b.c", R"({"a":"text"})"), "null");
}

TEST(RelayListExpression, UnsupportedSyntaxIsAParseErrorWithAnOffset) {
  EXPECT_EQ(parse_error("relays[?online]"), "offset 7: filter expressions are not supported");
  EXPECT_EQ(parse_error("relays[0:2]"), "offset 8: slices are not supported");
  EXPECT_EQ(parse_error("relays | [0]"), "offset 7: pipes are not supported");
  EXPECT_EQ(parse_error("length(@)"), "offset 6: unsupported function 'length'");
  EXPECT_EQ(parse_error(""), "offset 0: expression expected");
  EXPECT_EQ(parse_error("data."), "offset 5: field name expected");
  EXPECT_EQ(parse_error("[*"), "offset 2: ']' expected");
  EXPECT_EQ(parse_error("keys(@"), "offset 6: ')' expected");
  EXPECT_EQ(parse_error("\"open"), "offset 0: unterminated quoted field");
  EXPECT_EQ(parse_error("{a: b}"), "offset 0: unexpected '{'");
  EXPECT_EQ(parse_error("a)"), "offset 1: unexpected ')'");
}

TEST(RelayListExpression, HostileExpressionsAreBounded) {
  EXPECT_FALSE(RelayListExpression::parse(std::string(2000, '@')));
  std::string nested;
  for (int depth = 0; depth < 20; ++depth) nested += "keys(";
  nested += "@";
  for (int depth = 0; depth < 20; ++depth) nested += ")";
  EXPECT_EQ(parse_error(nested), "offset 45: functions nested too deeply");
  EXPECT_FALSE(RelayListExpression::parse("[99999999999999999999999]"));
}

TEST(RelayListItems, KeepsStringsAndCountsTheRest) {
  const auto items = relay_list_items(boost::json::parse(R"(["wss://a.com",1,null,{"url":"x"},["y"],"b"])"));
  EXPECT_TRUE(items.was_list);
  EXPECT_EQ(items.urls, (std::vector<std::string>{"wss://a.com", "b"}));
  EXPECT_EQ(items.non_strings, 4U);
  EXPECT_FALSE(relay_list_items(boost::json::parse(R"("wss://a.com")")).was_list);
}

}  // namespace
}  // namespace bigbrotr::services::finder
