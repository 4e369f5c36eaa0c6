// The metrics endpoint of a running service, read the way Prometheus reads it: a plain
// HTTP GET of the text exposition, and a real Prometheus 2.42 scraping it.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
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

// The first non-empty answer to `query` within `limit` (polled every 500 ms), or an empty one.
boost::json::array wait_for_result(int port, const std::string& query, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(500ms);
    if (auto result = query_prometheus(port, query); !result.empty()) return result;
  }
  return {};
}

constexpr const char* kPrometheus = "/usr/bin/prometheus";

// A real Prometheus scraping the refresher's /stats every second as job `job`, with
// `rule_files` (a YAML list, "[]" for none) evaluated every second, on `port`.
std::unique_ptr<BackgroundProcess> start_prometheus(const TempFolder& folder, int scraped_port, int port,
                                                    const std::string& job, const std::string& rule_files) {
  const auto config = folder.write("prometheus.yml",
                                   "global:\n"
                                   "  scrape_interval: 1s\n"
                                   "  evaluation_interval: 1s\n"
                                   "rule_files: " + rule_files + "\n"
                                   "scrape_configs:\n"
                                   "  - job_name: " + job + "\n"
                                   "    metrics_path: /stats\n"
                                   "    static_configs:\n"
                                   "      - targets: ['127.0.0.1:" + std::to_string(scraped_port) + "']\n");
  return std::make_unique<BackgroundProcess>(
      kPrometheus,
      std::vector<std::string>{"--config.file=" + config.string(),
                               "--storage.tsdb.path=" + (folder.path() / "tsdb").string(),
                               "--web.listen-address=127.0.0.1:" + std::to_string(port)},
      folder.path());
}

TEST_F(MetricsEndpointTest, ARealPrometheusScrapesIt) {
  if (!std::filesystem::exists(kPrometheus)) GTEST_SKIP() << "Debian's prometheus package is not installed";
  const int prometheus_port = free_loopback_port();
  const auto prometheus_process = start_prometheus(folder_, port_, prometheus_port, "refresher", "[]");
  BackgroundProcess& prometheus = *prometheus_process;
  const boost::json::array info = wait_for_result(prometheus_port, "service_info", 60s);
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

// The shipped rules with every `for:` cut to 0s, so an alert fires at its first evaluation.
std::string rules_firing_at_once() {
  std::ifstream in(std::filesystem::path(BIGBROTR_SOURCE_DIR) / "deployments/prometheus/alerts.yml");
  std::stringstream text;
  text << in.rdbuf();
  static const std::regex kFor(R"(\bfor: [0-9]+[smhd])");
  return std::regex_replace(text.str(), kFor, "for: 0s");
}

// What an operator relies on: a service that stops makes the shipped BigbrotrTargetDown
// fire in a real Prometheus scraping it as the shipped scrape config does (job bigbrotr).
TEST_F(MetricsEndpointTest, TheShippedAlertFiresWhenTheServiceStops) {
  if (!std::filesystem::exists(kPrometheus)) GTEST_SKIP() << "Debian's prometheus package is not installed";
  const int prometheus_port = free_loopback_port();
  folder_.write("alerts.yml", rules_firing_at_once());
  const auto prometheus_process =
      start_prometheus(folder_, port_, prometheus_port, "bigbrotr", "[alerts.yml]");
  BackgroundProcess& prometheus = *prometheus_process;
  const auto wait_for = [&](const std::string& query, std::chrono::seconds limit) {
    return !wait_for_result(prometheus_port, query, limit).empty();
  };
  // up == 1 first, so the alert below is the stop's doing, not a scrape never made.
  ASSERT_TRUE(wait_for("up%7Bjob%3D%22bigbrotr%22%7D%3D%3D1", 60s)) << prometheus.err();
  EXPECT_FALSE(wait_for("ALERTS%7Balertname%3D%22BigbrotrTargetDown%22%7D", 3s));
  refresher_->signal(SIGTERM);
  EXPECT_EQ(refresher_->wait_exit(30s), 0) << refresher_->err();
  refresher_.reset();  // stopped here, not in TearDown
  EXPECT_TRUE(wait_for("ALERTS%7Balertname%3D%22BigbrotrTargetDown%22%2Calertstate%3D%22firing%22%7D", 60s))
      << prometheus.err();
  prometheus.signal(SIGTERM);
  EXPECT_TRUE(prometheus.wait_exit(30s));
}

}  // namespace
}  // namespace bigbrotr::testing
