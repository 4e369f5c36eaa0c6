#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "models/relay.hpp"

// Runs the real seed list (data/seed_relays.txt) through Relay::parse, as the seeder
// does: blank lines and '#' comments are skipped, failures are counted by reason.
namespace bigbrotr::models {
namespace {

struct SeedCounts {
  std::size_t lines = 0;
  std::size_t valid = 0;
  std::size_t not_fixed_points = 0;
  std::map<NetworkType, std::size_t> per_network;
  std::map<std::string, std::size_t> reasons;
  std::vector<std::string> examples;  // a few rejected lines, for the log
};

SeedCounts parse_seed_file(const std::string& path) {
  SeedCounts counts;
  std::ifstream file(path);
  EXPECT_TRUE(file.is_open()) << path;
  std::string line;
  while (std::getline(file, line)) {
    const std::string_view text = line;
    if (text.find_first_not_of(" \t\r") == std::string_view::npos || text.starts_with('#')) continue;
    ++counts.lines;
    const auto relay = Relay::parse(text);
    if (!relay.ok()) {
      ++counts.reasons[relay.reason()];
      if (counts.examples.size() < 10) counts.examples.push_back(line + " -> " + relay.reason());
      continue;
    }
    ++counts.valid;
    ++counts.per_network[relay->network()];
    const auto again = Relay::parse(relay->url());
    if (!again.ok() || again->url() != relay->url()) {
      ++counts.not_fixed_points;
      ADD_FAILURE() << "not a fixed point: " << line << " -> " << relay->url();
    }
  }
  return counts;
}

void report(const SeedCounts& counts) {
  std::cout << "[seed list] total " << counts.lines << ", valid " << counts.valid << ", invalid "
            << counts.lines - counts.valid << '\n';
  for (const auto& [network, n] : counts.per_network) {
    std::cout << "[seed list]   " << to_string(network) << ": " << n << '\n';
    ::testing::Test::RecordProperty("valid_" + std::string(to_string(network)), static_cast<int>(n));
  }
  std::vector<std::pair<std::string, std::size_t>> reasons(counts.reasons.begin(), counts.reasons.end());
  std::sort(reasons.begin(), reasons.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [reason, n] : reasons)
    std::cout << "[seed list]   invalid, " << reason << ": " << n << '\n';
  for (const auto& example : counts.examples) std::cout << "[seed list]   e.g. " << example << '\n';
  ::testing::Test::RecordProperty("total", static_cast<int>(counts.lines));
  ::testing::Test::RecordProperty("valid", static_cast<int>(counts.valid));
}

TEST(SeedList, ParsesEverySeedLine) {
  const SeedCounts counts = parse_seed_file(BIGBROTR_SOURCE_DIR "/data/seed_relays.txt");
  report(counts);
  // 8865 lines, 1389 of which are private or loopback IPv4 literals (rejected as local).
  EXPECT_GT(counts.lines, 8000U);
  EXPECT_GT(counts.valid, 7000U);
  EXPECT_GT(counts.per_network.count(NetworkType::tor) ? counts.per_network.at(NetworkType::tor) : 0U, 800U);
  EXPECT_EQ(counts.per_network.count(NetworkType::local), 0U);
  EXPECT_EQ(counts.not_fixed_points, 0U);
}

}  // namespace
}  // namespace bigbrotr::models
