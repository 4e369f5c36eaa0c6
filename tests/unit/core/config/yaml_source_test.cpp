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

}  // namespace
}  // namespace bigbrotr::core
