#include "models/canonical_json.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <limits>

namespace bigbrotr::models {
namespace {

std::string canonical(std::string_view json) {
  auto sanitized = sanitize_json(boost::json::parse(json));
  EXPECT_TRUE(sanitized.ok());
  return to_canonical_json(*sanitized);
}

TEST(CanonicalJson, SortsKeysAndDropsWhitespace) {
  EXPECT_EQ(canonical(R"({"b": 2, "a": 1})"), R"({"a":1,"b":2})");
  EXPECT_EQ(canonical(R"({"z": {"y": 1, "x": [3, 2]}, "a": true})"), R"({"a":true,"z":{"x":[3,2],"y":1}})");
}

TEST(CanonicalJson, SortsKeysByCodePoint) {
  EXPECT_EQ(canonical(R"({"é": 1, "z": 2, "Z": 3, "😀": 4})"), R"({"Z":3,"z":2,"é":1,"😀":4})");
}

TEST(CanonicalJson, DropsNullAndEmptyContainersButKeepsFalsyScalars) {
  EXPECT_EQ(canonical(R"({"a": null, "b": {}, "c": [], "d": "", "e": 0, "f": false})"), R"({"d":"","e":0,"f":false})");
  EXPECT_EQ(canonical(R"([null, {}, [], 1, {"x": null}])"), "[1]");
  EXPECT_EQ(canonical(R"({"data": {"x": {"y": null}}, "logs": {"success": true}})"), R"({"logs":{"success":true}})");
}

TEST(CanonicalJson, EscapesLikePythonJsonDumpsWithoutEnsureAscii) {
  EXPECT_EQ(canonical(R"({"s": "a\"b\\c\n\r\t\b\f"})"), R"({"s":"a\"b\\c\n\r\t\b\f"})");
  EXPECT_EQ(canonical(R"({"s": "\u0001\u001f\u007f/"})"), "{\"s\":\"\\u0001\\u001f\x7f/\"}");
  EXPECT_EQ(canonical(R"({"s": "caf\u00e9 \u2028 😀"})"), "{\"s\":\"café \xe2\x80\xa8 😀\"}");
}

TEST(CanonicalJson, RejectsNulInStringsAndKeys) {
  EXPECT_FALSE(sanitize_json(boost::json::parse(R"({"s": "a\u0000b"})")).ok());
  EXPECT_FALSE(sanitize_json(boost::json::parse(R"({"a\u0000": 1})")).ok());
  EXPECT_FALSE(sanitize_json(boost::json::parse(R"([["\u0000"]])")).ok());
}

TEST(CanonicalJson, TurnsNonFiniteFloatsIntoDroppedNulls) {
  boost::json::object document;
  document["nan"] = std::numeric_limits<double>::quiet_NaN();
  document["inf"] = std::numeric_limits<double>::infinity();
  document["ok"] = 1.5;
  auto sanitized = sanitize_json(document);
  ASSERT_TRUE(sanitized.ok());
  EXPECT_EQ(to_canonical_json(*sanitized), R"({"ok":1.5})");
}

TEST(CanonicalJson, CutsDocumentsDeeperThanFiftyLevels) {
  boost::json::value deep = "leaf";
  for (int i = 0; i < 60; ++i) deep = boost::json::array{deep, 1};
  auto sanitized = sanitize_json(deep);
  ASSERT_TRUE(sanitized.ok());
  const std::string text = to_canonical_json(*sanitized);
  EXPECT_EQ(text.find("leaf"), std::string::npos);
}

TEST(CanonicalJson, PrintsFloatsAsPythonRepr) {
  EXPECT_EQ(python_float_repr(1.0), "1.0");
  EXPECT_EQ(python_float_repr(52.52), "52.52");
  EXPECT_EQ(python_float_repr(1e-05), "1e-05");
  EXPECT_EQ(python_float_repr(0.0001), "0.0001");
  EXPECT_EQ(python_float_repr(1e16), "1e+16");
  EXPECT_EQ(python_float_repr(1e15), "1000000000000000.0");
  EXPECT_EQ(python_float_repr(9999999999999998.0), "9999999999999998.0");
  EXPECT_EQ(python_float_repr(0.1), "0.1");
  EXPECT_EQ(python_float_repr(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(python_float_repr(-0.0), "-0.0");
  EXPECT_EQ(python_float_repr(100.0), "100.0");
  EXPECT_EQ(python_float_repr(-13.404954), "-13.404954");
  EXPECT_EQ(python_float_repr(1.5e-7), "1.5e-07");
  EXPECT_EQ(python_float_repr(1e22), "1e+22");
  EXPECT_EQ(python_float_repr(12345678901234567890.0), "1.2345678901234567e+19");
  EXPECT_EQ(python_float_repr(5e-324), "5e-324");
  EXPECT_EQ(python_float_repr(1.7976931348623157e308), "1.7976931348623157e+308");
}

TEST(CanonicalJson, PrintsIntegersInDecimal) {
  EXPECT_EQ(canonical(R"({"a": -42, "b": 18446744073709551615, "c": 1.0})"),
            R"({"a":-42,"b":18446744073709551615,"c":1.0})");
}

}  // namespace
}  // namespace bigbrotr::models
