#include "core/http/http_drops.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <vector>

namespace bigbrotr::core {
namespace {

using namespace std::chrono_literals;
using Clock = HttpDropLog::Clock;

std::size_t lines(const std::string& text) {
  return static_cast<std::size_t>(std::ranges::count(text, '\n'));
}

TEST(HttpDropLog, ReasonsAreSpelledAsTheirMetricLabels) {
  EXPECT_EQ(to_string(HttpDrop::refused), "refused");
  EXPECT_EQ(to_string(HttpDrop::evicted), "evicted");
  EXPECT_EQ(to_string(HttpDrop::header_timeout), "header_timeout");
  EXPECT_EQ(to_string(HttpDrop::write_timeout), "write_timeout");
  EXPECT_EQ(to_string(HttpDrop::oversized_header), "oversized_header");
  EXPECT_EQ(to_string(HttpDrop::malformed_request), "malformed_request");
}

TEST(HttpDropLog, LogsTheFirstDropAtOnceAsAWarning) {
  std::ostringstream sink;
  HttpDropLog drops(Logger("metrics", LogLevel::info, LogFormat::text, sink), "http://127.0.0.1:8000");
  drops.record(HttpDrop::evicted);
  EXPECT_NE(sink.str().find("WARNING metrics http connections dropped server=http://127.0.0.1:8000 refused=0 "
                            "evicted=1 header_timeout=0"),
            std::string::npos)
      << sink.str();
}

TEST(HttpDropLog, AFloodOfDropsGivesOneLinePerInterval) {
  std::ostringstream sink;
  HttpDropLog drops(Logger("metrics", LogLevel::info, LogFormat::text, sink), "s", {}, 60s);
  const auto start = Clock::now();
  drops.record(HttpDrop::evicted, start);
  for (int i = 0; i < 1000; ++i) drops.record(HttpDrop::header_timeout, start + 30s);
  EXPECT_EQ(lines(sink.str()), 1u);
  drops.record(HttpDrop::refused, start + 61s);
  ASSERT_EQ(lines(sink.str()), 2u);
  // The second line sums everything since the first.
  EXPECT_NE(sink.str().find("refused=1 evicted=0 header_timeout=1000"), std::string::npos) << sink.str();
}

TEST(HttpDropLog, FlushWritesWhatIsLeftAndNothingWhenNothingIs) {
  std::ostringstream sink;
  HttpDropLog drops(Logger("metrics", LogLevel::info, LogFormat::text, sink), "s", {}, 60s);
  drops.flush();
  EXPECT_EQ(sink.str(), "");
  const auto start = Clock::now();
  drops.record(HttpDrop::oversized_header, start);
  drops.record(HttpDrop::malformed_request, start + 1s);
  drops.flush();
  ASSERT_EQ(lines(sink.str()), 2u);
  EXPECT_NE(sink.str().find("oversized_header=0 malformed_request=1\n"), std::string::npos) << sink.str();
  drops.flush();
  EXPECT_EQ(lines(sink.str()), 2u);
}

TEST(HttpDropLog, CountsTotalsAndTellsTheObserverOfEachDrop) {
  std::ostringstream sink;
  std::vector<HttpDrop> seen;
  HttpDropLog drops(Logger("metrics", LogLevel::info, LogFormat::text, sink), "s",
                    [&seen](HttpDrop reason) { seen.push_back(reason); });
  drops.record(HttpDrop::evicted);
  drops.record(HttpDrop::evicted);
  drops.record(HttpDrop::write_timeout);
  const HttpDropCounts totals = drops.totals();
  EXPECT_EQ(totals[static_cast<std::size_t>(HttpDrop::evicted)], 2u);
  EXPECT_EQ(totals[static_cast<std::size_t>(HttpDrop::write_timeout)], 1u);
  EXPECT_EQ(totals[static_cast<std::size_t>(HttpDrop::refused)], 0u);
  EXPECT_EQ(seen, (std::vector<HttpDrop>{HttpDrop::evicted, HttpDrop::evicted, HttpDrop::write_timeout}));
}

}  // namespace
}  // namespace bigbrotr::core
