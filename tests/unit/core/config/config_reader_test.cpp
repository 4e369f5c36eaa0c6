#include "core/config/config_reader.hpp"

#include <gtest/gtest.h>

#include "core/config/yaml_source.hpp"
#include "models/enums.hpp"

namespace bigbrotr::core {
namespace {

ConfigReader reader_of(const std::string& yaml, std::map<std::string, std::string> env = {}) {
  return ConfigReader::document(parse_yaml_text(yaml, "r.yaml"), "r.yaml", fixed_environment(std::move(env)));
}

// Runs `read` and returns the ConfigError it throws (a test failure if none).
template <class Fn>
ConfigError error_of(Fn&& read) {
  try {
    read();
  } catch (const ConfigError& e) {
    return e;
  }
  ADD_FAILURE() << "no ConfigError";
  return ConfigError("", "", "");
}

TEST(ConfigReader, AbsentKeysKeepTheDefaults) {
  ConfigReader r = reader_of("{}");
  int value = 7;
  std::string text = "keep";
  r.read_int("n", value, between(0, 10));
  r.read_string("s", text);
  EXPECT_EQ(value, 7);
  EXPECT_EQ(text, "keep");
  EXPECT_NO_THROW(r.finish());
}

TEST(ConfigReader, ReadsTypedValues) {
  ConfigReader r = reader_of("b: false\ni: 42\nd: 2.5\ns: hello\nl: [a, b]\n");
  bool b = true;
  std::int64_t i = 0;
  double d = 0;
  std::string s;
  std::vector<std::string> l;
  r.read_bool("b", b);
  r.read_int("i", i, unbounded());
  r.read_real("d", d, unbounded());
  r.read_string("s", s);
  r.read_strings("l", l);
  r.finish();
  EXPECT_FALSE(b);
  EXPECT_EQ(i, 42);
  EXPECT_EQ(d, 2.5);
  EXPECT_EQ(s, "hello");
  EXPECT_EQ(l, (std::vector<std::string>{"a", "b"}));
}

TEST(ConfigReader, IntegerWhereANumberIsExpectedIsAccepted) {
  ConfigReader r = reader_of("d: 3\n");
  double d = 0;
  r.read_real("d", d, unbounded());
  EXPECT_EQ(d, 3.0);
}

TEST(ConfigReader, UnknownKeyIsReportedWithItsPath) {
  ConfigReader r = reader_of("known: 1\nsection:\n  typo_key: 2\n");
  const ConfigError e = error_of([&] {
    int known = 0;
    r.read_int("known", known, unbounded());
    r.section("section", [](ConfigReader&) {});
    r.finish();
  });
  EXPECT_EQ(e.file(), "r.yaml");
  EXPECT_EQ(e.key_path(), "section.typo_key");
  EXPECT_EQ(e.rule(), "unknown key");
}

TEST(ConfigReader, WrongTypeNamesExpectationAndValue) {
  ConfigReader r = reader_of("a:\n  b:\n    c: abc\n");
  const ConfigError e = error_of([&] {
    r.section("a", [](ConfigReader& a) {
      a.section("b", [](ConfigReader& b) {
        int c = 0;
        b.read_int("c", c, unbounded());
      });
    });
  });
  EXPECT_EQ(e.key_path(), "a.b.c");
  EXPECT_EQ(e.rule(), "expected an integer, got 'abc'");
  EXPECT_EQ(std::string(e.what()), "r.yaml: a.b.c: expected an integer, got 'abc'");
}

TEST(ConfigReader, FractionIsNotAnInteger) {
  ConfigReader r = reader_of("n: 1.5\n");
  int n = 0;
  EXPECT_EQ(error_of([&] { r.read_int("n", n, unbounded()); }).rule(), "expected an integer, got '1.5'");
}

TEST(ConfigReader, OutOfRangeStatesTheBounds) {
  ConfigReader r = reader_of("low: 5\nmin_only: 50\nhigh: 12.5\n");
  int low = 0;
  std::int64_t min_only = 0;
  double high = 0;
  EXPECT_EQ(error_of([&] { r.read_int("low", low, between(10, 1000)); }).rule(),
            "must be between 10 and 1000, got 5");
  EXPECT_EQ(error_of([&] { r.read_int("min_only", min_only, at_least(100)); }).rule(),
            "must be at least 100, got 50");
  EXPECT_EQ(error_of([&] { r.read_real("high", high, between(0.1, 10)); }).rule(),
            "must be between 0.1 and 10, got 12.5");
}

TEST(ConfigReader, BoolRejectsYesAndNo) {
  ConfigReader r = reader_of("a: yes\nb: on\nc: 1\n");
  bool value = false;
  EXPECT_EQ(error_of([&] { r.read_bool("a", value); }).rule(), "expected true or false, got 'yes'");
  EXPECT_THROW(r.read_bool("b", value), ConfigError);
  EXPECT_THROW(r.read_bool("c", value), ConfigError);
}

TEST(ConfigReader, NullIsOnlyAcceptedByOptionalFields) {
  ConfigReader r = reader_of("a: null\nb: ~\nc:\n");
  std::optional<std::int64_t> a = 5;
  std::optional<double> b = 1.0;
  int c = 3;
  r.read_int("a", a, unbounded());
  r.read_real("b", b, unbounded());
  EXPECT_EQ(a, std::nullopt);
  EXPECT_EQ(b, std::nullopt);
  EXPECT_EQ(error_of([&] { r.read_int("c", c, unbounded()); }).rule(), "expected an integer, got null");
}

TEST(ConfigReader, QuotedNullIsAString) {
  ConfigReader r = reader_of("s: 'null'\n");
  std::optional<std::string> s;
  r.read_string("s", s);
  EXPECT_EQ(s, "null");
}

TEST(ConfigReader, MappingWhereAScalarIsExpected) {
  ConfigReader r = reader_of("s:\n  x: 1\n");
  std::string s;
  const ConfigError e = error_of([&] { r.read_string("s", s); });
  EXPECT_EQ(e.key_path(), "s");
  EXPECT_EQ(e.rule(), "expected a string, got a mapping");
}

TEST(ConfigReader, ScalarWhereASectionIsExpected) {
  ConfigReader r = reader_of("metrics: 5\n");
  const ConfigError e = error_of([&] { r.section("metrics", [](ConfigReader&) {}); });
  EXPECT_EQ(e.key_path(), "metrics");
  EXPECT_EQ(e.rule(), "expected a mapping, got '5'");
}

TEST(ConfigReader, NullSectionIsAnEmptySection) {
  ConfigReader r = reader_of("metrics:\n");
  bool called = false;
  r.section("metrics", [&](ConfigReader&) { called = true; });
  EXPECT_TRUE(called);
  EXPECT_NO_THROW(r.finish());
}

TEST(ConfigReader, DuplicateKeyIsRejected) {
  const ConfigError e = error_of([] { reader_of("a: 1\nb: 2\na: 3\n"); });
  EXPECT_EQ(e.key_path(), "a");
  EXPECT_EQ(e.rule(), "duplicate key");
}

TEST(ConfigReader, ListItemPathsUseBrackets) {
  ConfigReader r = reader_of("api:\n  sources:\n    - url: x\n    - url: y\n      bogus: 1\n");
  const ConfigError e = error_of([&] {
    r.section("api", [](ConfigReader& api) {
      api.each_mapping("sources", [](ConfigReader& item, std::size_t) {
        std::string url;
        item.read_string("url", url);
      });
    });
  });
  EXPECT_EQ(e.key_path(), "api.sources[1].bogus");
  EXPECT_EQ(e.rule(), "unknown key");
}

TEST(ConfigReader, ScalarListItemPathsUseBrackets) {
  ConfigReader r = reader_of("l: [a, [b], c]\nn: [1, x]\n");
  std::vector<std::string> l;
  std::vector<std::int64_t> n;
  EXPECT_EQ(error_of([&] { r.read_strings("l", l); }).key_path(), "l[1]");
  const ConfigError e = error_of([&] { r.read_ints("n", n, unbounded()); });
  EXPECT_EQ(e.key_path(), "n[1]");
  EXPECT_EQ(e.rule(), "expected an integer, got 'x'");
}

TEST(ConfigReader, ListWhereAScalarWasGiven) {
  ConfigReader r = reader_of("l: abc\n");
  std::vector<std::string> l;
  EXPECT_EQ(error_of([&] { r.read_strings("l", l); }).rule(), "expected a list, got 'abc'");
}

TEST(ConfigReader, MappingListItemThatIsNotAMapping) {
  ConfigReader r = reader_of("items: [1]\n");
  const ConfigError e = error_of([&] { r.each_mapping("items", [](ConfigReader&, std::size_t) {}); });
  EXPECT_EQ(e.key_path(), "items[0]");
  EXPECT_EQ(e.rule(), "expected a mapping, got '1'");
}

TEST(ConfigReader, OptionalListAcceptsNull) {
  ConfigReader r = reader_of("relays: null\n");
  std::optional<std::vector<std::string>> relays = std::vector<std::string>{"x"};
  r.read_strings("relays", relays);
  EXPECT_EQ(relays, std::nullopt);
  EXPECT_NO_THROW(r.finish());
}

TEST(ConfigReader, InterpolatesValuesBeforeConverting) {
  ConfigReader r = reader_of("port: ${PORT}\nhost: ${HOST:-127.0.0.1}\non: ${FLAG}\n",
                             {{"PORT", "9100"}, {"FLAG", "true"}});
  int port = 0;
  std::string host;
  bool on = false;
  r.read_int("port", port, between(0, 65535));
  r.read_string("host", host);
  r.read_bool("on", on);
  EXPECT_EQ(port, 9100);
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_TRUE(on);
}

TEST(ConfigReader, InterpolatedValuesAreRangeChecked) {
  ConfigReader r = reader_of("port: ${PORT}\n", {{"PORT", "80"}});
  int port = 0;
  EXPECT_EQ(error_of([&] { r.read_int("port", port, between(1024, 65535)); }).rule(),
            "must be between 1024 and 65535, got 80");
}

TEST(ConfigReader, UnsetVariableErrorNamesTheKeyPath) {
  ConfigReader r = reader_of("db:\n  url: ${NOPE}\n");
  const ConfigError e = error_of([&] {
    r.section("db", [](ConfigReader& db) {
      std::string url;
      db.read_string("url", url);
    });
  });
  EXPECT_EQ(e.key_path(), "db.url");
  EXPECT_EQ(e.rule(), "environment variable NOPE is not set");
}

TEST(ConfigReader, InterpolationToEmptyMakesAnOptionalNull) {
  ConfigReader r = reader_of("max: ${MAX:-}\nquoted: \"${MAX:-}\"\n");
  std::optional<std::int64_t> max = 5;
  std::optional<std::string> quoted;
  r.read_int("max", max, unbounded());
  r.read_string("quoted", quoted);
  EXPECT_EQ(max, std::nullopt);
  EXPECT_EQ(quoted, "");
}

TEST(ConfigReader, EnumsAreReadByName) {
  ConfigReader r = reader_of("net: tor\nbad: mars\n");
  models::NetworkType net = models::NetworkType::clearnet;
  r.read_enum("net", net, models::parse_network_type, "clearnet, tor");
  EXPECT_EQ(net, models::NetworkType::tor);
  EXPECT_EQ(error_of([&] { r.read_enum("bad", net, models::parse_network_type, "clearnet, tor"); }).rule(),
            "expected one of clearnet, tor, got 'mars'");
}

TEST(ConfigReader, KeysListsEveryKeyInOrder) {
  EXPECT_EQ(reader_of("b: 1\na: 2\n").keys(), (std::vector<std::string>{"b", "a"}));
}

// A value is quoted in an error only in part: a megabyte value must not make a megabyte line.
TEST(ConfigReader, ErrorsQuoteLongValuesInPart) {
  // Built in memory: a file this large is refused before parsing (yaml_source.hpp), but a
  // value can also grow through ${VAR} interpolation.
  const std::string huge(1000 * 1000, '7');
  YAML::Node root(YAML::NodeType::Map);
  root["chunk_size"] = huge + "x";
  root["flag"] = huge;
  root["mode"] = huge;
  ConfigReader r = ConfigReader::document(root, "r.yaml", fixed_environment({}));
  std::int64_t chunk = 0;
  bool flag = false;
  models::NetworkType mode = models::NetworkType::clearnet;
  const std::vector<ConfigError> errors{
      error_of([&] { r.read_int("chunk_size", chunk, between(10, 1000)); }),
      error_of([&] { r.read_bool("flag", flag); }),
      error_of([&] { r.read_enum("mode", mode, models::parse_network_type, "clearnet or tor"); }),
  };
  for (const ConfigError& e : errors) {
    EXPECT_LT(std::string(e.what()).size(), 200U) << std::string(e.what()).substr(0, 300);
    EXPECT_NE(e.rule().find("'" + huge.substr(0, 60)), std::string::npos) << e.rule().substr(0, 300);
    EXPECT_NE(e.rule().find("'... (100000"), std::string::npos) << e.rule().substr(0, 300);
  }
}

TEST(ConfigReader, OutOfRangeErrorsQuoteLongNumbersInPart) {
  const std::string digits = "1" + std::string(300, '0');
  ConfigReader r = reader_of("ratio: " + digits + "\n");
  double ratio = 0;
  const ConfigError e = error_of([&] { r.read_real("ratio", ratio, between(0, 1)); });
  EXPECT_LT(e.rule().size(), 200U) << e.rule();
  EXPECT_NE(e.rule().find("(301 bytes)"), std::string::npos) << e.rule();
}

TEST(ConfigReader, LongUnknownKeysArePrintedInPart) {
  const std::string key(100000, 'k');
  YAML::Node root(YAML::NodeType::Map);
  root[key] = 1;
  ConfigReader r = ConfigReader::document(root, "r.yaml", fixed_environment({}));
  const ConfigError e = error_of([&] { r.finish(); });
  EXPECT_LT(std::string(e.what()).size(), 200U);
}

}  // namespace
}  // namespace bigbrotr::core
