#include "core/config/synchronizer_config.hpp"

#include <gtest/gtest.h>

#include "unit/core/config/config_test_support.hpp"

namespace bigbrotr::core {
namespace {

using testing::file_error;
using testing::parse;
using testing::parse_error;
using testing::TempDir;
using testing::test_options;

TEST(SynchronizerConfig, DefaultsMatchTheSpec) {
  const SynchronizerConfig c = parse<SynchronizerConfig>("");
  EXPECT_EQ(c.processing.filters, std::vector<EventFilterConfig>{EventFilterConfig{}});
  EXPECT_EQ(c.processing.since, 0);
  EXPECT_EQ(c.processing.until, std::nullopt);
  EXPECT_EQ(c.processing.limit, 500);
  EXPECT_EQ(c.processing.end_lag, 86400.0);
  EXPECT_EQ(c.processing.batch_size, 1000);
  EXPECT_FALSE(c.processing.allow_insecure);
  EXPECT_EQ(c.processing.max_event_size, std::nullopt);
  EXPECT_EQ(c.timeouts.idle, 300.0);
  EXPECT_EQ(c.timeouts.max_duration, 14400.0);
  EXPECT_EQ(c.keys.keys_env, "NOSTR_PRIVATE_KEY");
}

TEST(SynchronizerConfig, ReadsEveryKey) {
  const SynchronizerConfig c = parse<SynchronizerConfig>(R"(
processing:
  filters: [{kinds: [0, 3]}, {}]
  since: 100
  until: 1700000000
  limit: 10
  end_lag: 0
  batch_size: 100
  allow_insecure: true
  max_event_size: 65536
timeouts: {idle: 10, max_duration: 60}
)");
  EXPECT_EQ(c.processing.filters.size(), 2u);
  EXPECT_EQ(c.processing.until, 1700000000);
  EXPECT_EQ(c.processing.max_event_size, 65536);
  EXPECT_EQ(c.timeouts.idle, 10.0);
}

TEST(SynchronizerConfig, FiltersAreParsed) {
  const std::string author(64, 'b');
  const SynchronizerConfig c =
      parse<SynchronizerConfig>("processing:\n  filters:\n    - authors: ['" + author +
                                "']\n      kinds: [1, 30023]\n      '#t': [nostr]\n"
                                "      since: 5\n      limit: 10\n");
  const EventFilterConfig& f = c.processing.filters.at(0);
  EXPECT_EQ(f.authors, std::vector<std::string>{author});
  EXPECT_EQ(f.kinds, (std::vector<std::int64_t>{1, 30023}));
  EXPECT_EQ(f.ids, std::nullopt);
  EXPECT_EQ(f.tags.at('t'), std::vector<std::string>{"nostr"});
}

TEST(SynchronizerConfig, BadFiltersNameTheItem) {
  ConfigError e = parse_error<SynchronizerConfig>("processing: {filters: [{}, {kinds: [1, 70000]}]}");
  EXPECT_EQ(e.key_path(), "processing.filters[1].kinds[1]");
  EXPECT_EQ(e.rule(), "must be between 0 and 65535, got 70000");

  e = parse_error<SynchronizerConfig>("processing: {filters: [{ids: [ABC]}]}");
  EXPECT_EQ(e.key_path(), "processing.filters[0].ids[0]");

  e = parse_error<SynchronizerConfig>("processing: {filters: [{search: bitcoin}]}");
  EXPECT_EQ(e.key_path(), "processing.filters[0].search");
  EXPECT_EQ(e.rule(), "unknown key");

  e = parse_error<SynchronizerConfig>("processing: {filters: [{'#tag': [x]}]}");
  EXPECT_EQ(e.key_path(), "processing.filters[0].#tag");
}

TEST(SynchronizerConfig, FiltersMustNotBeEmpty) {
  EXPECT_EQ(parse_error<SynchronizerConfig>("processing: {filters: []}").key_path(), "processing.filters");
}

TEST(SynchronizerConfig, EndTimeMustNotPrecedeSince) {
  // test_options() fixes now at 1704067200.
  EXPECT_NO_THROW(parse<SynchronizerConfig>("processing: {since: 1703980800}"));  // now − 1 day exactly
  ConfigError e = parse_error<SynchronizerConfig>("processing: {since: 1703980801}");
  EXPECT_EQ(e.key_path(), "processing.since");
  EXPECT_EQ(e.rule(), "must not be after (until or now) - end_lag = 1703980800, got 1703980801");

  e = parse_error<SynchronizerConfig>("processing: {since: 1000, until: 1500, end_lag: 600}");
  EXPECT_EQ(e.key_path(), "processing.since");
  EXPECT_NO_THROW(parse<SynchronizerConfig>("processing: {since: 1000, until: 1600, end_lag: 600}"));
}

TEST(SynchronizerConfig, BoundsAreEnforced) {
  EXPECT_EQ(parse_error<SynchronizerConfig>("processing: {limit: 5001}").key_path(), "processing.limit");
  EXPECT_EQ(parse_error<SynchronizerConfig>("processing: {batch_size: 99}").key_path(),
            "processing.batch_size");
  EXPECT_EQ(parse_error<SynchronizerConfig>("processing: {max_event_size: 1023}").key_path(),
            "processing.max_event_size");
  EXPECT_EQ(parse_error<SynchronizerConfig>("processing: {since: -1}").key_path(), "processing.since");
  EXPECT_EQ(parse_error<SynchronizerConfig>("timeouts: {idle: 3601}").key_path(), "timeouts.idle");
}

TEST(SynchronizerConfig, WrongTypeOutOfRangeAndUnknownKeyNameFileAndPath) {
  TempDir dir;
  const std::string file = (dir.path() / "services/synchronizer.yaml").string();
  ConfigError e = file_error<SynchronizerConfig>(dir, "services/synchronizer.yaml",
                                                 "processing:\n  filters: everything\n");
  EXPECT_EQ(e.file(), file);
  EXPECT_EQ(e.key_path(), "processing.filters");
  EXPECT_EQ(e.rule(), "expected a list, got 'everything'");

  e = file_error<SynchronizerConfig>(dir, "services/synchronizer.yaml", "timeouts:\n  max_duration: 30\n");
  EXPECT_EQ(e.file(), file);
  EXPECT_EQ(e.key_path(), "timeouts.max_duration");
  EXPECT_EQ(e.rule(), "must be between 60 and 86400, got 30");

  e = file_error<SynchronizerConfig>(dir, "services/synchronizer.yaml", "processing:\n  end_lags: 5\n");
  EXPECT_EQ(e.key_path(), "processing.end_lags");
  EXPECT_EQ(e.rule(), "unknown key");
}

}  // namespace
}  // namespace bigbrotr::core
