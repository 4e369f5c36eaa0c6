#include "services/refresher.hpp"

#include <gtest/gtest.h>

#include "support/service_test_support.hpp"

namespace bigbrotr::services {
namespace {

using testing::ServiceHarness;

core::RefresherConfig with_views(std::vector<std::string> views) {
  core::RefresherConfig config;
  config.views = std::move(views);
  return config;
}

TEST(Refresher, RefreshesEveryDefaultViewInOrder) {
  ServiceHarness harness("sqlite::memory:", models::ServiceName::refresher);
  Refresher refresher(core::RefresherConfig{}, harness.context());
  const RefreshOutcome outcome = refresher.refresh_all();
  EXPECT_EQ(outcome.refreshed, core::RefresherConfig::default_views());
  EXPECT_TRUE(outcome.failed.empty());
  EXPECT_EQ(harness.gauge("views_total"), 15);
  EXPECT_EQ(harness.gauge("views_refreshed"), 15);
  EXPECT_EQ(harness.gauge("views_failed"), 0);
  EXPECT_GE(harness.gauge("duration_event_stats"), 0);
  EXPECT_NE(harness.log().find("view refreshed view=supported_nip_counts duration_s="), std::string::npos);
}

TEST(Refresher, CyclesBetweenFullRefreshesRefreshOnlyTheStatusViews) {
  ServiceHarness harness("sqlite::memory:", models::ServiceName::refresher);
  core::RefresherConfig config = with_views({"event_stats", "relay_uptime"});
  config.status_views = {"relay_uptime"};
  Refresher refresher(config, harness.context());
  refresher.run();  // the first cycle refreshes everything
  EXPECT_EQ(harness.gauge("views_total"), 2);
  refresher.run();  // within `interval`: the status views only
  EXPECT_EQ(harness.gauge("views_total"), 1);
  EXPECT_EQ(harness.gauge("views_refreshed"), 1);
}

TEST(Refresher, AFailingViewIsCountedAndTheOthersStillRun) {
  ServiceHarness harness("sqlite::memory:", models::ServiceName::refresher);
  Refresher refresher(with_views({"event_stats", "no_such_view", "relay_stats"}), harness.context());
  const RefreshOutcome outcome = refresher.refresh_all();
  EXPECT_EQ(outcome.refreshed, (std::vector<std::string>{"event_stats", "relay_stats"}));
  EXPECT_EQ(outcome.failed, (std::vector<std::string>{"no_such_view"}));
  EXPECT_EQ(harness.gauge("views_total"), 3);
  EXPECT_EQ(harness.gauge("views_refreshed"), 2);
  EXPECT_EQ(harness.gauge("views_failed"), 1);
  EXPECT_EQ(harness.gauge("duration_no_such_view"), -1);
  EXPECT_NE(harness.log().find("view refresh failed view=no_such_view"), std::string::npos);
}

TEST(Refresher, RunDoesNotThrowWhenAViewFails) {
  ServiceHarness harness("sqlite::memory:", models::ServiceName::refresher);
  Refresher refresher(with_views({"no_such_view"}), harness.context());
  EXPECT_NO_THROW(refresher.run());
}

TEST(Refresher, AStopRequestEndsTheLoopBeforeTheNextView) {
  ServiceHarness harness("sqlite::memory:", models::ServiceName::refresher);
  harness.stop().request_stop();
  Refresher refresher(core::RefresherConfig{}, harness.context());
  const RefreshOutcome outcome = refresher.refresh_all();
  EXPECT_TRUE(outcome.refreshed.empty());
  EXPECT_EQ(harness.gauge("views_refreshed"), 0);
}

TEST(Refresher, ViewsReflectTheDataAfterARefresh) {
  ServiceHarness harness("sqlite::memory:", models::ServiceName::refresher);
  const auto relay = testing::relay_of("wss://relay.example.com");
  harness.store().insert_relays(std::vector{relay});
  const auto event = testing::signed_event(1700000000, {}, "hello");
  harness.store().insert_events(std::vector{testing::seen_on(event, relay, 1700000100)});
  Refresher refresher(with_views({"event_stats"}), harness.context());
  refresher.refresh_all();
  const auto rows = harness.store().read_rows("event_stats", 10);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].as_object().at("event_count").to_number<std::int64_t>(), 1);
}

}  // namespace
}  // namespace bigbrotr::services
