#include "core/config/refresher_config.hpp"

#include <gtest/gtest.h>

#include "unit/core/config/config_test_support.hpp"

namespace bigbrotr::core {
namespace {

using testing::file_error;
using testing::parse;
using testing::parse_error;
using testing::TempDir;

TEST(RefresherConfig, DefaultsMatchTheSpec) {
  const RefresherConfig c = parse<RefresherConfig>("");
  EXPECT_EQ(c.base.interval, 86400.0);
  ASSERT_EQ(c.views.size(), 15u);
  EXPECT_EQ(c.views.front(), "relay_metadata_latest");
  EXPECT_EQ(c.views.back(), "relay_directory");
}

TEST(RefresherConfig, StatusViewsRefreshEveryFiveMinutesByDefault) {
  const RefresherConfig c = parse<RefresherConfig>("");
  EXPECT_EQ(c.status_views, (std::vector<std::string>{"relay_uptime", "relay_directory"}));
  EXPECT_EQ(c.status_interval, 300.0);
  EXPECT_EQ(c.cycle_base().interval, 300.0);
  // Without status views the runner wakes at `interval`.
  EXPECT_EQ(parse<RefresherConfig>("refresh: {status_views: []}").cycle_base().interval, 86400.0);
  // A default above a shorter interval follows it down.
  EXPECT_EQ(parse<RefresherConfig>("interval: 120").status_interval, 120.0);
}

TEST(RefresherConfig, StatusIntervalLiesWithinTheInterval) {
  EXPECT_EQ(parse<RefresherConfig>("refresh: {status_interval: 600}").status_interval, 600.0);
  const ConfigError above = parse_error<RefresherConfig>("interval: 3600\nrefresh: {status_interval: 7200}");
  EXPECT_EQ(above.key_path(), "refresh.status_interval");
  EXPECT_EQ(above.rule(), "must be between 60 and 3600, got 7200");
  EXPECT_EQ(parse_error<RefresherConfig>("refresh: {status_views: [a, a]}").key_path(), "refresh.status_views[1]");
}

TEST(RefresherConfig, IntervalHasNoUpperBound) {
  EXPECT_EQ(parse<RefresherConfig>("interval: 2592000").base.interval, 2592000.0);
  EXPECT_EQ(parse_error<RefresherConfig>("interval: 30").rule(), "must be at least 60, got 30");
}

TEST(RefresherConfig, ViewsReplaceTheDefaults) {
  EXPECT_EQ(parse<RefresherConfig>("refresh: {views: [event_stats, _private2]}").views,
            (std::vector<std::string>{"event_stats", "_private2"}));
}

TEST(RefresherConfig, ViewsMustBeIdentifiers) {
  for (const char* bad : {"'Event_Stats'", "'1stats'", "'stats; drop table x'", "''", "'a-b'"}) {
    const ConfigError e =
        parse_error<RefresherConfig>(std::string("refresh: {views: [event_stats, ") + bad + "]}");
    EXPECT_EQ(e.key_path(), "refresh.views[1]") << bad;
  }
}

TEST(RefresherConfig, ViewsMustBeNonEmptyAndUnique) {
  EXPECT_EQ(parse_error<RefresherConfig>("refresh: {views: []}").key_path(), "refresh.views");
  EXPECT_EQ(parse_error<RefresherConfig>("refresh: {views: [a, b, a]}").key_path(), "refresh.views[2]");
}

TEST(RefresherConfig, WrongTypeOutOfRangeAndUnknownKeyNameFileAndPath) {
  TempDir dir;
  const std::string file = (dir.path() / "services/refresher.yaml").string();
  ConfigError e =
      file_error<RefresherConfig>(dir, "services/refresher.yaml", "refresh:\n  views: event_stats\n");
  EXPECT_EQ(e.file(), file);
  EXPECT_EQ(e.key_path(), "refresh.views");
  EXPECT_EQ(e.rule(), "expected a list, got 'event_stats'");

  e = file_error<RefresherConfig>(dir, "services/refresher.yaml", "max_consecutive_failures: 1000\n");
  EXPECT_EQ(e.file(), file);
  EXPECT_EQ(e.key_path(), "max_consecutive_failures");
  EXPECT_EQ(e.rule(), "must be between 0 and 100, got 1000");

  e = file_error<RefresherConfig>(dir, "services/refresher.yaml", "refresh:\n  view: [a]\n");
  EXPECT_EQ(e.key_path(), "refresh.view");
  EXPECT_EQ(e.rule(), "unknown key");
}

}  // namespace
}  // namespace bigbrotr::core
