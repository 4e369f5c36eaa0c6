#include "core/config/service_config.hpp"

#include <gtest/gtest.h>

#include "core/config/seeder_config.hpp"
#include "unit/core/config/config_test_support.hpp"

namespace bigbrotr::core {
namespace {

using testing::parse;
using testing::parse_error;
using testing::test_options;

// The base keys are read by every service; the seeder has nothing else at top level.
TEST(BaseServiceConfig, DefaultsMatchTheSpec) {
  const BaseServiceConfig c = parse<SeederConfig>("").base;
  EXPECT_EQ(c.interval, 300.0);
  EXPECT_EQ(c.max_consecutive_failures, 5);
  EXPECT_FALSE(c.metrics.enabled);
  EXPECT_EQ(c.metrics.port, 8000);
  EXPECT_EQ(c.metrics.host, "127.0.0.1");
  EXPECT_EQ(c.metrics.path, "/metrics");
  EXPECT_FALSE(c.metrics.serves());
}

TEST(BaseServiceConfig, ReadsEveryKey) {
  const BaseServiceConfig c = parse<SeederConfig>(
                                  "interval: 600\nmax_consecutive_failures: 0\n"
                                  "metrics: {enabled: true, port: 9100, host: 0.0.0.0, path: /m}\n")
                                  .base;
  EXPECT_EQ(c.interval, 600.0);
  EXPECT_EQ(c.max_consecutive_failures, 0);
  EXPECT_TRUE(c.metrics.serves());
  EXPECT_EQ(c.metrics.port, 9100);
  EXPECT_EQ(c.metrics.host, "0.0.0.0");
  EXPECT_EQ(c.metrics.path, "/m");
}

TEST(BaseServiceConfig, IntervalBounds) {
  EXPECT_EQ(parse_error<SeederConfig>("interval: 59").rule(), "must be between 60 and 604800, got 59");
  EXPECT_EQ(parse_error<SeederConfig>("interval: 604801").key_path(), "interval");
}

TEST(BaseServiceConfig, LoadOptionsCanLowerTheMinimumInterval) {
  LoadOptions options = test_options();
  options.min_interval = 1;
  EXPECT_EQ(parse<SeederConfig>("interval: 2", options).base.interval, 2.0);
}

TEST(BaseServiceConfig, MaxConsecutiveFailuresBounds) {
  EXPECT_EQ(parse_error<SeederConfig>("max_consecutive_failures: 101").key_path(),
            "max_consecutive_failures");
  EXPECT_EQ(parse_error<SeederConfig>("max_consecutive_failures: -1").key_path(), "max_consecutive_failures");
}

TEST(BaseServiceConfig, MetricsPortZeroMeansOff) {
  const MetricsConfig m = parse<SeederConfig>("metrics: {enabled: true, port: 0}").base.metrics;
  EXPECT_TRUE(m.enabled);
  EXPECT_FALSE(m.serves());
}

TEST(BaseServiceConfig, MetricsPortBelow1024IsRejected) {
  const ConfigError e = parse_error<SeederConfig>("metrics: {port: 80}");
  EXPECT_EQ(e.key_path(), "metrics.port");
  EXPECT_EQ(e.rule(), "must be 0 (off) or between 1024 and 65535, got 80");
  EXPECT_EQ(parse_error<SeederConfig>("metrics: {port: 65536}").key_path(), "metrics.port");
}

TEST(BaseServiceConfig, MetricsPathMustBeAbsolute) {
  EXPECT_EQ(parse_error<SeederConfig>("metrics: {path: metrics}").key_path(), "metrics.path");
}

TEST(BaseServiceConfig, UnknownMetricsKeyIsRejected) {
  EXPECT_EQ(parse_error<SeederConfig>("metrics: {enable: true}").key_path(), "metrics.enable");
}

TEST(BaseServiceConfig, MetricsPortFromTheEnvironment) {
  EXPECT_EQ(parse<SeederConfig>("metrics: {port: '${METRICS_PORT:-8001}'}").base.metrics.port, 8001);
  EXPECT_EQ(parse<SeederConfig>("metrics: {port: '${METRICS_PORT:-8001}'}",
                                test_options({{"METRICS_PORT", "9002"}}))
                .base.metrics.port,
            9002);
}

}  // namespace
}  // namespace bigbrotr::core
