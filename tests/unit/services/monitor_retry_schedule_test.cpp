#include "services/monitor/retry_schedule.hpp"

#include <gtest/gtest.h>

namespace bigbrotr::services::monitor {
namespace {

using models::MetadataType;
using std::chrono::milliseconds;

core::RetryPolicy policy(int max_attempts, double initial, double max, double jitter) {
  core::RetryPolicy retry;
  retry.max_attempts = max_attempts;
  retry.initial_delay = initial;
  retry.max_delay = max;
  retry.jitter = jitter;
  return retry;
}

nips::RelayCheckReport report_of(std::initializer_list<std::pair<MetadataType, bool>> outcomes) {
  nips::RelayCheckReport report;
  for (const auto& [type, ok] : outcomes) {
    report.results.emplace_back(type,
                                ok ? nips::CheckResult::success({}) : nips::CheckResult::failure("down"));
  }
  return report;
}

TEST(MonitorRetryDelay, DoublesFromTheInitialDelay) {
  const auto retry = policy(5, 1.0, 60.0, 0.0);
  EXPECT_EQ(retry_delay(retry, 0, 0.0), milliseconds(1000));
  EXPECT_EQ(retry_delay(retry, 1, 0.0), milliseconds(2000));
  EXPECT_EQ(retry_delay(retry, 3, 0.0), milliseconds(8000));
}

TEST(MonitorRetryDelay, IsCappedAtMaxDelayBeforeJitter) {
  const auto retry = policy(10, 1.0, 10.0, 2.0);
  EXPECT_EQ(retry_delay(retry, 4, 0.0), milliseconds(10000));
  EXPECT_EQ(retry_delay(retry, 9, 0.5), milliseconds(11000));
}

TEST(MonitorRetryDelay, JitterAddsUpToItsBound) {
  const auto retry = policy(1, 0.1, 1.0, 0.5);
  EXPECT_EQ(retry_delay(retry, 0, 0.0), milliseconds(100));
  EXPECT_EQ(retry_delay(retry, 0, 0.999), milliseconds(600));
}

TEST(MonitorRetryDelay, OutOfRangeDrawsAreClamped) {
  const auto retry = policy(1, 1.0, 10.0, 1.0);
  EXPECT_EQ(retry_delay(retry, 0, -3.0), milliseconds(1000));
  EXPECT_EQ(retry_delay(retry, 0, 7.0), milliseconds(2000));
}

TEST(MonitorJitterSource, DrawsInTheUnitInterval) {
  JitterSource jitter;
  for (int i = 0; i < 1000; ++i) {
    const double draw = jitter.draw();
    ASSERT_GE(draw, 0.0);
    ASSERT_LT(draw, 1.0);
  }
}

TEST(MonitorTypesToRetry, OnlyFailedChecksWithAttemptsLeft) {
  core::PerMetadataType<core::RetryPolicy> retries{policy(0, 1, 10, 0)};
  retries[MetadataType::nip11_info] = policy(2, 1, 10, 0);
  retries[MetadataType::nip66_rtt] = policy(1, 1, 10, 0);
  const auto report = report_of({{MetadataType::nip11_info, false},
                                 {MetadataType::nip66_rtt, false},
                                 {MetadataType::nip66_http, false},
                                 {MetadataType::nip66_dns, true}});
  EXPECT_EQ(types_to_retry(report, retries, 0),
            (std::vector<MetadataType>{MetadataType::nip11_info, MetadataType::nip66_rtt}));
  EXPECT_EQ(types_to_retry(report, retries, 1), (std::vector<MetadataType>{MetadataType::nip11_info}));
  EXPECT_TRUE(types_to_retry(report, retries, 2).empty());
}

TEST(MonitorTypesToRetry, NothingWhenEveryCheckWorked) {
  core::PerMetadataType<core::RetryPolicy> retries{policy(3, 1, 10, 0)};
  const auto report = report_of({{MetadataType::nip11_info, true}, {MetadataType::nip66_rtt, true}});
  EXPECT_TRUE(types_to_retry(report, retries, 0).empty());
}

TEST(MonitorRerunTypes, RttRetryAlsoFetchesNip11ForItsPowDifficulty) {
  const auto report = report_of({{MetadataType::nip11_info, true}, {MetadataType::nip66_rtt, false}});
  EXPECT_EQ(rerun_types({MetadataType::nip66_rtt}, report),
            (std::vector<MetadataType>{MetadataType::nip11_info, MetadataType::nip66_rtt}));
}

TEST(MonitorRerunTypes, RttAloneWhenNip11IsNotComputed) {
  const auto report = report_of({{MetadataType::nip66_rtt, false}});
  EXPECT_EQ(rerun_types({MetadataType::nip66_rtt}, report),
            (std::vector<MetadataType>{MetadataType::nip66_rtt}));
}

TEST(MonitorMergeRetried, ReplacesOnlyTheRetriedTypes) {
  auto report = report_of({{MetadataType::nip11_info, true}, {MetadataType::nip66_rtt, false}});
  report.results[0].second.data["name"] = "first";
  auto retried = report_of({{MetadataType::nip11_info, true}, {MetadataType::nip66_rtt, true}});
  retried.results[0].second.data["name"] = "second";
  merge_retried(report, retried, {MetadataType::nip66_rtt});
  EXPECT_EQ(report.results[0].second.data.at("name").as_string(), "first");
  EXPECT_TRUE(report.results[1].second.succeeded());
}

}  // namespace
}  // namespace bigbrotr::services::monitor
