// The metrics endpoint of a running service under a slowloris attack from the scraper's
// own address: hundreds of connections that trickle a request header one byte at a time
// must not keep Prometheus from scraping.
#include <gtest/gtest.h>

#include <regex>

#include "integration/runtime/refresher_with_metrics.hpp"
#include "integration/runtime/runtime_test_support.hpp"
#include "support/background_process.hpp"
#include "support/free_loopback_port.hpp"
#include "support/loopback_client.hpp"
#include "support/slow_header_clients.hpp"

namespace bigbrotr::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// One GET of /metrics as a scraper sends it, connect included, bounded by `limit`: the
// response, or a sentence saying what failed.
std::string scrape(int port, std::chrono::milliseconds limit) {
  const auto deadline = Clock::now() + limit;
  try {
    LoopbackClient client(port, limit);
    if (!client.send("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")) {
      return "the send failed";
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    return client.read_response(std::max(left, std::chrono::milliseconds(1))).value_or("no response in time");
  } catch (const std::runtime_error& error) {
    return error.what();
  }
}

// A refresher serving its metrics under /metrics with the default limits.
class MetricsEndpointSlowClientsTest : public RefresherWithMetricsTest {
 protected:
  MetricsEndpointSlowClientsTest() : RefresherWithMetricsTest("/metrics") {}
};

// The regression of the civetweb exposer (2 worker threads, no header deadline): 224
// connections sending one header byte every 2 s made every scrape fail.
TEST_F(MetricsEndpointSlowClientsTest, ScrapesSucceedWhile300ConnectionsTrickleHeaders) {
  constexpr int kScrapes = 5;
  // "Within a few seconds": generous, for a sanitized build on a loaded 2-core machine.
  constexpr auto kScrapeLimit = 8s;
  SlowHeaderClients attack(port_, 300, 2s);
  std::this_thread::sleep_for(2s);  // every attacker has connected and sent its first byte
  std::vector<double> latencies;
  for (int attempt = 0; attempt < kScrapes; ++attempt) {
    const auto start = Clock::now();
    const std::string answer = scrape(port_, kScrapeLimit);
    latencies.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    ASSERT_TRUE(answer.starts_with("HTTP/1.1 200 ")) << "scrape " << attempt << ": " << answer.substr(0, 200);
    EXPECT_NE(answer.find("service_info{service=\"refresher\"} 1"), std::string::npos) << answer;
    std::this_thread::sleep_for(2s - std::min<Clock::duration>(2s, Clock::now() - start));
  }
  EXPECT_GE(attack.opened(), 300);
  // The endpoint counted and logged what it shed.
  const std::string after = scrape(port_, kScrapeLimit);
  static const std::regex kEvicted(R"(http_connections_dropped_total\{reason="evicted"\} [1-9])");
  EXPECT_TRUE(std::regex_search(after, kEvicted)) << after;
  EXPECT_TRUE(refresher_->wait_for_log("http connections dropped", 10s)) << refresher_->err();
  std::cout << "scrape latencies under attack (s):";
  for (const double latency : latencies) std::cout << ' ' << latency;
  std::cout << "\nattack: " << attack.opened() << " connections opened, " << attack.closed_by_server()
            << " closed by the server, " << attack.bytes_sent() << " bytes sent\n";
}

}  // namespace
}  // namespace bigbrotr::testing
