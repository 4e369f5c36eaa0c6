#include "core/logging/logger.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <sstream>
#include <thread>
#include <vector>

namespace bigbrotr::core {
namespace {

// Drops the leading timestamp so lines can be compared exactly.
std::string without_timestamp(const std::string& line) { return line.substr(line.find(' ') + 1); }

TEST(Logger, WritesKeyValueLinesWithServiceName) {
  std::ostringstream sink;
  Logger logger("validator", LogLevel::info, LogFormat::text, sink);
  logger.info("cycle done", {{"validated", 12}, {"ratio", 0.5}, {"network", "clearnet"}, {"ok", true}});
  EXPECT_EQ(without_timestamp(sink.str()), "INFO validator cycle done validated=12 ratio=0.5 network=clearnet ok=true\n");
}

TEST(Logger, QuotesAndEscapesAwkwardValues) {
  std::ostringstream sink;
  Logger logger("seeder", LogLevel::info, LogFormat::text, sink);
  logger.warning("skipped", {{"reason", "bad url"}, {"line", "a=b \"q\"\n"}, {"empty", ""}});
  EXPECT_EQ(without_timestamp(sink.str()),
            "WARNING seeder skipped reason=\"bad url\" line=\"a=b \\\"q\\\"\\n\" empty=\"\"\n");
}

TEST(Logger, TruncatesLongValues) {
  std::ostringstream sink;
  Logger logger("finder", LogLevel::info, LogFormat::text, sink);
  logger.info("long", {{"value", std::string(1500, 'x')}});
  EXPECT_NE(sink.str().find(std::string(1000, 'x') + "...<truncated 500 chars>"), std::string::npos);
  EXPECT_EQ(sink.str().find(std::string(1001, 'x')), std::string::npos);
}

TEST(Logger, FiltersBelowTheMinimumLevel) {
  std::ostringstream sink;
  Logger logger("monitor", LogLevel::warning, LogFormat::text, sink);
  logger.debug("hidden");
  logger.info("hidden");
  logger.error("shown");
  EXPECT_EQ(without_timestamp(sink.str()), "ERROR monitor shown\n");
}

TEST(Logger, JsonLinesParseAndCarryFields) {
  std::ostringstream sink;
  Logger logger("synchronizer", LogLevel::debug, LogFormat::json, sink);
  logger.info("flush", {{"events", 1000}, {"relay", "wss://r.example \"x\""}, {"nan", 0.0 / 0.0}});
  const auto record = boost::json::parse(sink.str()).as_object();
  EXPECT_EQ(record.at("service").as_string(), "synchronizer");
  EXPECT_EQ(record.at("level").as_string(), "info");
  EXPECT_EQ(record.at("message").as_string(), "flush");
  EXPECT_EQ(record.at("events").as_int64(), 1000);
  EXPECT_EQ(record.at("relay").as_string(), "wss://r.example \"x\"");
  EXPECT_TRUE(record.at("nan").is_null());
  EXPECT_TRUE(record.contains("timestamp"));
}

TEST(Logger, ForServiceSharesTheSinkWithoutInterleaving) {
  std::ostringstream sink;
  Logger base("run", LogLevel::info, LogFormat::text, sink);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&base, t] {
      const Logger logger = base.for_service("service" + std::to_string(t));
      for (int i = 0; i < 200; ++i) logger.info("tick", {{"i", i}});
    });
  }
  for (auto& thread : threads) thread.join();
  std::istringstream lines(sink.str());
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    ++count;
    EXPECT_NE(line.find(" INFO service"), std::string::npos) << line;
  }
  EXPECT_EQ(count, 800);
}

TEST(Logger, ParsesLevelsAndFormats) {
  EXPECT_EQ(parse_log_level("DEBUG"), LogLevel::debug);
  EXPECT_EQ(parse_log_level("warn"), LogLevel::warning);
  EXPECT_FALSE(parse_log_level("loud").has_value());
  EXPECT_EQ(parse_log_format("json"), LogFormat::json);
  EXPECT_FALSE(parse_log_format("xml").has_value());
}

}  // namespace
}  // namespace bigbrotr::core
