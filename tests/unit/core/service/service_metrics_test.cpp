#include "core/service/service_metrics.hpp"

#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace bigbrotr::core {
namespace {

// One sample line of the text exposition format 0.0.4: name{labels} value.
struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

// Parses the exposition strictly: every line is a "# HELP name text" or "# TYPE name
// type" comment or a sample whose labels are name="value" pairs; anything else fails the
// test. Returns the samples and, through `types`, the declared family types.
std::vector<Sample> parse_exposition(const std::string& text, std::map<std::string, std::string>& types) {
  static const std::regex kHelp(R"(# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .*)");
  static const std::regex kType(R"(# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped))");
  static const std::regex kSample(R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([^}]*)\})? (\S+)( \d+)?)");
  static const std::regex kLabel(R"(([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)\"(,|$))");
  std::vector<Sample> samples;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (line.empty() || std::regex_match(line, kHelp)) continue;
    if (std::regex_match(line, match, kType)) {
      types[match[1]] = match[2];
      continue;
    }
    EXPECT_TRUE(std::regex_match(line, match, kSample)) << "not a sample line: " << line;
    if (match.empty()) continue;
    Sample sample{match[1], {}, std::stod(match[4])};
    const std::string labels = match[3];
    std::size_t consumed = 0;
    for (auto it = std::sregex_iterator(labels.begin(), labels.end(), kLabel); it != std::sregex_iterator(); ++it) {
      EXPECT_EQ(static_cast<std::size_t>(it->position()), consumed) << "garbage in labels: " << line;
      consumed = it->position() + it->length();
      sample.labels[(*it)[1]] = (*it)[2];
    }
    EXPECT_EQ(consumed, labels.size()) << "garbage in labels: " << line;
    samples.push_back(std::move(sample));
  }
  return samples;
}

std::vector<Sample> named(const std::vector<Sample>& samples, const std::string& name) {
  std::vector<Sample> matching;
  for (const Sample& sample : samples) {
    if (sample.name == name) matching.push_back(sample);
  }
  return matching;
}

TEST(ServiceMetrics, DisabledHandleDoesNothing) {
  ServiceMetrics metrics;
  EXPECT_FALSE(metrics.enabled());
  metrics.set_gauge("x", 1);
  metrics.add_gauge("x", 1);
  metrics.increment_counter("y");
  metrics.observe_cycle_duration(2);
}

TEST(ServiceMetrics, ExposesTheFourFamiliesWithTheNamesOfConfigMd) {
  const auto registry = std::make_shared<MetricsRegistry>();
  ServiceMetrics metrics(registry, models::ServiceName::refresher);
  metrics.set_gauge("views_total", 13);
  metrics.add_gauge("views_total", 2);
  metrics.increment_counter("cycles_success");
  metrics.increment_counter("cycles_success");
  metrics.observe_cycle_duration(7);

  std::map<std::string, std::string> types;
  const auto samples = parse_exposition(registry->text(), types);
  EXPECT_EQ(types["service_info"], "gauge");
  EXPECT_EQ(types["service_gauge"], "gauge");
  EXPECT_EQ(types["service_counter_total"], "counter");
  EXPECT_EQ(types["cycle_duration_seconds"], "histogram");
  EXPECT_EQ(types.count("service_counter_total_total"), 0u);

  const auto info = named(samples, "service_info");
  ASSERT_EQ(info.size(), 1u);
  EXPECT_EQ(info[0].labels, (std::map<std::string, std::string>{{"service", "refresher"}}));
  EXPECT_EQ(info[0].value, 1);

  const auto gauges = named(samples, "service_gauge");
  ASSERT_EQ(gauges.size(), 1u);
  EXPECT_EQ(gauges[0].labels, (std::map<std::string, std::string>{{"service", "refresher"}, {"name", "views_total"}}));
  EXPECT_EQ(gauges[0].value, 15);

  const auto counters = named(samples, "service_counter_total");
  ASSERT_EQ(counters.size(), 1u);
  EXPECT_EQ(counters[0].labels,
            (std::map<std::string, std::string>{{"service", "refresher"}, {"name", "cycles_success"}}));
  EXPECT_EQ(counters[0].value, 2);
}

TEST(ServiceMetrics, CycleHistogramHasTheBucketsOneSecondToOneHour) {
  const auto registry = std::make_shared<MetricsRegistry>();
  ServiceMetrics metrics(registry, models::ServiceName::finder);
  metrics.observe_cycle_duration(7);
  metrics.observe_cycle_duration(4000);

  std::map<std::string, std::string> types;
  const auto samples = parse_exposition(registry->text(), types);
  std::vector<std::string> bounds;
  std::vector<double> counts;
  for (const Sample& bucket : named(samples, "cycle_duration_seconds_bucket")) {
    EXPECT_EQ(bucket.labels.at("service"), "finder");
    bounds.push_back(bucket.labels.at("le"));
    counts.push_back(bucket.value);
  }
  EXPECT_EQ(bounds, (std::vector<std::string>{"1", "5", "10", "30", "60", "120", "300", "600", "1800", "3600", "+Inf"}));
  EXPECT_EQ(counts, (std::vector<double>{0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2}));
  ASSERT_EQ(named(samples, "cycle_duration_seconds_count").size(), 1u);
  EXPECT_EQ(named(samples, "cycle_duration_seconds_count")[0].value, 2);
  EXPECT_EQ(named(samples, "cycle_duration_seconds_sum")[0].value, 4007);
}

TEST(ServiceMetrics, ServicesSharingARegistryKeepTheirOwnLabels) {
  const auto registry = std::make_shared<MetricsRegistry>();
  ServiceMetrics finder(registry, models::ServiceName::finder);
  ServiceMetrics validator(registry, models::ServiceName::validator);
  finder.increment_counter("cycles_failed");
  validator.increment_counter("cycles_failed", 3);

  std::map<std::string, std::string> types;
  const auto samples = parse_exposition(registry->text(), types);
  EXPECT_EQ(named(samples, "service_info").size(), 2u);
  std::map<std::string, double> by_service;
  for (const Sample& sample : named(samples, "service_counter_total")) by_service[sample.labels.at("service")] = sample.value;
  EXPECT_EQ(by_service, (std::map<std::string, double>{{"finder", 1}, {"validator", 3}}));
}

}  // namespace
}  // namespace bigbrotr::core
