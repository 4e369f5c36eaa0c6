#include "core/config/yaml_source.hpp"

#include <gtest/gtest.h>

#include "core/config/config_error.hpp"
#include "unit/core/config/config_test_support.hpp"

namespace bigbrotr::core {
namespace {

using testing::TempDir;

TEST(YamlSource, EmptyFileIsAnEmptyMapping) {
  TempDir dir;
  const YAML::Node root = load_yaml_file(dir.write("empty.yaml", ""));
  EXPECT_TRUE(root.IsMap());
  EXPECT_EQ(root.size(), 0u);
}

TEST(YamlSource, CommentsOnlyFileIsAnEmptyMapping) {
  EXPECT_TRUE(parse_yaml_text("# nothing here\n# at all\n", "x.yaml").IsMap());
}

TEST(YamlSource, LoadsAMapping) {
  TempDir dir;
  const YAML::Node root = load_yaml_file(dir.write("a.yaml", "interval: 60\n"));
  EXPECT_EQ(root["interval"].Scalar(), "60");
}

TEST(YamlSource, MalformedYamlNamesTheFileAndLine) {
  TempDir dir;
  const auto path = dir.write("bad.yaml", "interval: 60\nmetrics: [unclosed\n");
  try {
    load_yaml_file(path);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.file(), path.string());
    EXPECT_EQ(e.key_path(), "");
    EXPECT_NE(e.rule().find("invalid YAML at line"), std::string::npos) << e.rule();
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos);
  }
}

TEST(YamlSource, TopLevelListIsRejected) {
  try {
    parse_yaml_text("- a\n- b\n", "list.yaml");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.file(), "list.yaml");
    EXPECT_EQ(e.rule(), "the top level must be a mapping of keys to values");
  }
}

TEST(YamlSource, TopLevelScalarIsRejected) {
  EXPECT_THROW(parse_yaml_text("just text\n", "s.yaml"), ConfigError);
}

TEST(YamlSource, MissingFileIsAnErrorNamingIt) {
  TempDir dir;
  const auto path = dir.path() / "absent.yaml";
  try {
    load_yaml_file(path);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.file(), path.string());
    EXPECT_EQ(e.rule(), "cannot be opened for reading");
  }
}

TEST(YamlSource, DirectoryIsNotAFile) {
  TempDir dir;
  EXPECT_THROW(load_yaml_file(dir.path()), ConfigError);
}

// The documented cap of a configuration file (docs/configuration.md).
constexpr std::size_t kMaxConfigFileBytes = std::size_t{1} << 20;

// A config file is read only up to the cap: a huge file fails at once, naming the file
// and the limit, instead of being read and parsed whole.
TEST(YamlSource, FileLargerThanTheCapIsRejectedUnread) {
  TempDir dir;
  const auto path = dir.write("huge.yaml", "a: " + std::string(kMaxConfigFileBytes, 'x') + "\n");
  try {
    load_yaml_file(path);
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.file(), path.string());
    EXPECT_EQ(e.rule(), "is " + std::to_string(kMaxConfigFileBytes + 4) +
                            " bytes, more than the 1 MiB limit of a configuration file");
  }
}

TEST(YamlSource, FileOfExactlyTheCapIsRead) {
  TempDir dir;
  const std::string head = "a: ";
  const auto path =
      dir.write("full.yaml", head + std::string(kMaxConfigFileBytes - head.size() - 1, 'x') + "\n");
  EXPECT_EQ(load_yaml_file(path)["a"].Scalar().size(), kMaxConfigFileBytes - head.size() - 1);
}

TEST(YamlSource, TextLargerThanTheCapIsRejected) {
  EXPECT_THROW(parse_yaml_text(std::string(kMaxConfigFileBytes + 1, '#'), "t.yaml"), ConfigError);
}

// yaml-cpp reports deep nesting as "bad file"; the message says what is wrong.
TEST(YamlSource, DeepNestingIsReportedAsTooDeep) {
  const std::string flow = "a: " + std::string(5000, '[') + std::string(5000, ']') + "\n";
  std::string block;
  for (int level = 0; level < 1200; ++level)
    block += std::string(static_cast<std::size_t>(level), ' ') + "k:\n";
  for (const std::string& text : {flow, block}) {
    try {
      parse_yaml_text(text, "deep.yaml");
      FAIL() << "expected ConfigError";
    } catch (const ConfigError& e) {
      EXPECT_EQ(e.file(), "deep.yaml");
      EXPECT_TRUE(e.rule().starts_with("nesting is too deep at line ")) << e.rule();
      EXPECT_EQ(e.rule().find("bad file"), std::string::npos) << e.rule();
    }
  }
}

TEST(YamlSource, ModerateNestingIsAccepted) {
  const std::string flow = "a: " + std::string(50, '[') + std::string(50, ']') + "\n";
  EXPECT_TRUE(parse_yaml_text(flow, "ok.yaml").IsMap());
}

}  // namespace
}  // namespace bigbrotr::core
