// The metrics endpoint of a running service, read the way Prometheus reads it: a plain
// HTTP GET of the text exposition, and a real Prometheus 2.42 scraping it.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>
#include <sstream>

#include "integration/runtime/refresher_with_metrics.hpp"
#include "integration/runtime/runtime_test_support.hpp"
#include "support/background_process.hpp"
#include "support/http_get.hpp"

namespace bigbrotr::testing {
namespace {

using namespace std::chrono_literals;

// A refresher with metrics under /stats, cycling every second.
class MetricsEndpointTest : public RefresherWithMetricsTest {
 protected:
  MetricsEndpointTest() : RefresherWithMetricsTest("/stats") {}
};

TEST_F(MetricsEndpointTest, ServesTheTextExpositionOnTheConfiguredPath) {
  const auto answer = http_get(port_, "/stats");
  ASSERT_TRUE(answer) << refresher_->err();
  EXPECT_EQ(answer->status, 200);
  static const std::regex kLine(
      R"((# (HELP|TYPE) [a-z_]+ .*)|([a-z_]+(\{([a-z_]+="[^"\\]*",?)+\})? (?:[0-9.e+-]+|Nan|NaN)|[a-z_]+(\{([a-z_]+="[^"\\]*",?)+\})? \+Inf)|)");
  std::istringstream lines(answer->body);
  for (std::string line; std::getline(lines, line);) EXPECT_TRUE(std::regex_match(line, kLine)) << line;
  const std::string& body = answer->body;
  EXPECT_NE(body.find("# TYPE service_counter_total counter"), std::string::npos);
  EXPECT_NE(body.find("service_info{service=\"refresher\"} 1"), std::string::npos);
  EXPECT_NE(body.find("service_gauge{name=\"views_total\",service=\"refresher\"} 15"), std::string::npos);
  // views_refreshed restarts at 0 with each cycle, so only its presence is certain.
  EXPECT_NE(body.find("service_gauge{name=\"views_refreshed\",service=\"refresher\"} "), std::string::npos);
  EXPECT_NE(body.find("service_counter_total{name=\"cycles_success\",service=\"refresher\"}"),
            std::string::npos);
  EXPECT_NE(body.find("cycle_duration_seconds_bucket{service=\"refresher\",le=\"3600\"}"), std::string::npos);
  EXPECT_EQ(body.find("_total_total"), std::string::npos);
}

TEST_F(MetricsEndpointTest, OtherPathsAreNotFound) {
  const auto answer = http_get(port_, "/metrics");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 404);
}

// Queries Prometheus' HTTP API; the parsed `data.result` array, or an empty one.
boost::json::array query_prometheus(int port, const std::string& query) {
  const auto answer = http_get(port, "/api/v1/query?query=" + query);
  if (!answer || answer->status != 200) return {};
  boost::system::error_code error;
  const boost::json::value document = boost::json::parse(answer->body, error);
  if (error || !document.is_object()) return {};
  const auto* data = document.as_object().if_contains("data");
  if (data == nullptr || !data->is_object()) return {};
  const auto* result = data->as_object().if_contains("result");
  return result != nullptr && result->is_array() ? result->as_array() : boost::json::array{};
}

TEST_F(MetricsEndpointTest, ARealPrometheusScrapesIt) {
  constexpr const char* kPrometheus = "/usr/bin/prometheus";
  if (!std::filesystem::exists(kPrometheus)) GTEST_SKIP() << "Debian's prometheus package is not installed";
  const int prometheus_port = free_loopback_port();
  const auto config = folder_.write("prometheus.yml",
                                    "global:\n"
                                    "  scrape_interval: 1s\n"
                                    "scrape_configs:\n"
                                    "  - job_name: refresher\n"
                                    "    metrics_path: /stats\n"
                                    "    static_configs:\n"
                                    "      - targets: ['127.0.0.1:" +
                                        std::to_string(port_) + "']\n");
  BackgroundProcess prometheus(
      kPrometheus,
      {"--config.file=" + config.string(), "--storage.tsdb.path=" + (folder_.path() / "tsdb").string(),
       "--web.listen-address=127.0.0.1:" + std::to_string(prometheus_port)},
      folder_.path());
  boost::json::array info;
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (info.empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(500ms);
    info = query_prometheus(prometheus_port, "service_info");
  }
  ASSERT_EQ(info.size(), 1u) << "Prometheus never stored service_info:\n" << prometheus.err();
  const auto& metric = info[0].as_object().at("metric").as_object();
  EXPECT_EQ(metric.at("service"), "refresher");
  EXPECT_EQ(metric.at("job"), "refresher");
  EXPECT_EQ(info[0].as_object().at("value").as_array()[1], "1");
  const auto views = query_prometheus(prometheus_port, "service_gauge%7Bname%3D%22views_total%22%7D");
  ASSERT_EQ(views.size(), 1u);
  EXPECT_EQ(views[0].as_object().at("value").as_array()[1], "15");
  prometheus.signal(SIGTERM);
  EXPECT_TRUE(prometheus.wait_exit(30s));
}

}  // namespace
}  // namespace bigbrotr::testing
