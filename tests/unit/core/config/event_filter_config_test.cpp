#include "core/config/event_filter_config.hpp"

#include <gtest/gtest.h>

#include "core/config/yaml_source.hpp"

namespace bigbrotr::core {
namespace {

EventFilterConfig filter_of(const std::string& yaml) {
  ConfigReader reader =
      ConfigReader::document(parse_yaml_text(yaml, "f.yaml"), "f.yaml", fixed_environment({}));
  EventFilterConfig filter = read_event_filter(reader);
  reader.finish();
  return filter;
}

TEST(EventFilterConfig, EmptyFilterMatchesEverything) {
  const EventFilterConfig f = filter_of("{}");
  EXPECT_EQ(f.ids, std::nullopt);
  EXPECT_EQ(f.authors, std::nullopt);
  EXPECT_EQ(f.kinds, std::nullopt);
  EXPECT_TRUE(f.tags.empty());
}

TEST(EventFilterConfig, ReadsIdsAuthorsKindsAndTags) {
  const std::string id(64, 'e');
  const EventFilterConfig f =
      filter_of("ids: ['" + id + "']\nauthors: []\nkinds: [10002]\n'#r': ['wss://a']\n'#E': [x]\n");
  EXPECT_EQ(f.ids, std::vector<std::string>{id});
  EXPECT_EQ(f.authors, std::vector<std::string>{});
  EXPECT_EQ(f.kinds, std::vector<std::int64_t>{10002});
  EXPECT_EQ(f.tags.at('r'), std::vector<std::string>{"wss://a"});
  EXPECT_EQ(f.tags.at('E'), std::vector<std::string>{"x"});
}

TEST(EventFilterConfig, WindowKeysAreAcceptedAndIgnored) {
  EXPECT_EQ(filter_of("since: 1\nuntil: 2\nlimit: 3\n"), EventFilterConfig{});
}

TEST(EventFilterConfig, RejectsNonHexIdsAndShortAuthors) {
  EXPECT_THROW(filter_of("ids: ['" + std::string(64, 'G') + "']"), ConfigError);
  EXPECT_THROW(filter_of("authors: ['abcd']"), ConfigError);
}

TEST(EventFilterConfig, RejectsNegativeKinds) { EXPECT_THROW(filter_of("kinds: [-1]"), ConfigError); }

TEST(EventFilterConfig, RejectsMultiLetterTagKeys) {
  try {
    filter_of("'#relay': [x]");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.key_path(), "#relay");
    EXPECT_EQ(e.rule(), "unknown key");
  }
}

}  // namespace
}  // namespace bigbrotr::core
