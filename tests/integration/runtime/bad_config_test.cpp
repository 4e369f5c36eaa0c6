// A service whose config file breaks a rule does not start: exit 2 and the file and key
// path on stderr, for every service this build provides.
#include <gtest/gtest.h>

#include "integration/runtime/runtime_test_support.hpp"

namespace bigbrotr::testing {
namespace {

// The service subcommands `bigbrotr --help` lists.
std::vector<std::string> provided_services() {
  const std::string help = run_bigbrotr({"--help"}).out;
  std::vector<std::string> services;
  for (const char* name : {"seeder", "finder", "validator", "monitor", "synchronizer", "refresher"}) {
    if (help.find("\n  " + std::string(name) + " ") != std::string::npos) services.emplace_back(name);
  }
  return services;
}

struct BadConfig {
  std::string name;
  std::string yaml;
  std::string key_path;
};

const std::vector<BadConfig> kBadConfigs{
    {"wrong type", "interval: soon\n", "interval"},
    {"out of range", "max_consecutive_failures: 500\n", "max_consecutive_failures"},
    {"interval below the minimum", "interval: 5\n", "interval"},
    {"unknown key", "metrics:\n  enabled: true\n  prot: 9000\n", "metrics.prot"},
    {"nested wrong type", "metrics:\n  port: many\n", "metrics.port"},
    {"port out of range", "metrics:\n  port: 80\n", "metrics.port"},
};

TEST(BadConfig, EveryServiceRejectsItWithExitTwoAndTheKeyPath) {
  const auto services = provided_services();
  ASSERT_FALSE(services.empty());
  for (const std::string& service : services) {
    for (const BadConfig& bad : kBadConfigs) {
      TempFolder folder;
      folder.write("services/" + service + ".yaml", bad.yaml);
      const CommandResult result =
          run_bigbrotr({service, "--once", "--config", folder.path().string(), "--db", folder.sqlite_url()});
      EXPECT_EQ(result.exit_code, 2) << service << ", " << bad.name << ": " << result.err;
      EXPECT_NE(result.err.find("services/" + service + ".yaml"), std::string::npos) << service << ": " << result.err;
      EXPECT_NE(result.err.find(bad.key_path + ":"), std::string::npos)
          << service << ", " << bad.name << ": " << result.err;
    }
  }
}

TEST(BadConfig, RunRejectsABadFileOfAnyService) {
  TempFolder folder;
  folder.write("services/refresher.yaml", "refresh:\n  views: [\"Bad-Name\"]\n");
  const CommandResult result = run_bigbrotr({"run", "--once", "--config", folder.path().string(), "--db",
                                             folder.sqlite_url()});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("refresh.views[0]"), std::string::npos) << result.err;
}

TEST(BadConfig, BadLogLevelIsAConfigurationError) {
  TempFolder folder;
  const CommandResult result = run_bigbrotr({"refresher", "--once", "--log-level", "loud", "--db", folder.sqlite_url()});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("--log-level"), std::string::npos) << result.err;
}

TEST(BadConfig, BadTestMinimumIntervalIsAConfigurationError) {
  TempFolder folder;
  const CommandResult result = run_bigbrotr({"refresher", "--once", "--db", folder.sqlite_url()}, "",
                                            {"BIGBROTR_TEST_MIN_INTERVAL=zero"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_NE(result.err.find("BIGBROTR_TEST_MIN_INTERVAL"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace bigbrotr::testing
