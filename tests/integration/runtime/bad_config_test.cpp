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

// The monitor's file names its key variable and leaves publishing on (the default): with
// the variable unset the monitor cannot sign what it is configured to publish, so it does
// not start. The check comes before any cycle, so nothing is downloaded or probed.
constexpr const char* kPublishingMonitor = "keys: {keys_env: BIGBROTR_TEST_MONITOR_KEY}\n";

// The same file with every publishing feature off and nothing to download.
constexpr const char* kSilentMonitor =
    "keys: {keys_env: BIGBROTR_TEST_MONITOR_KEY}\n"
    "processing:\n"
    "  compute: {nip66_geo: false, nip66_net: false}\n"
    "  store: {nip66_geo: false, nip66_net: false}\n"
    "discovery: {enabled: false}\n"
    "announcement: {enabled: false}\n"
    "profile: {enabled: false}\n"
    "relay_list: {enabled: false}\n";

TEST(MissingKey, PublishingMonitorWithoutItsKeyExitsTwoNamingTheVariable) {
  for (const char* command : {"monitor", "run"}) {
    TempFolder folder;
    init_database(folder.sqlite_url());
    folder.write("services/monitor.yaml", kPublishingMonitor);
    const CommandResult result =
        run_bigbrotr({command, "--once", "--config", folder.path().string(), "--db", folder.sqlite_url()}, "",
                     {"-BIGBROTR_TEST_MONITOR_KEY"});
    EXPECT_EQ(result.exit_code, 2) << command << ": " << result.err;
    EXPECT_NE(result.err.find("services/monitor.yaml: keys.keys_env: environment variable "
                              "BIGBROTR_TEST_MONITOR_KEY is not set"),
              std::string::npos)
        << command << ": " << result.err;
  }
}

TEST(MissingKey, MonitorThatPublishesNothingRunsWithoutAKey) {
  TempFolder folder;
  init_database(folder.sqlite_url());
  folder.write("services/monitor.yaml", kSilentMonitor);
  const CommandResult result =
      run_bigbrotr({"monitor", "--once", "--config", folder.path().string(), "--db", folder.sqlite_url()}, "",
                   {"-BIGBROTR_TEST_MONITOR_KEY"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

TEST(MissingKey, BuiltInDefaultsDoNotRequireAKey) {
  // No monitor file: the zero-configuration start (scripts/run.sh) runs without a key and
  // publishes nothing. The key check passes; the empty database then stops it (exit 1).
  TempFolder folder;
  const CommandResult result =
      run_bigbrotr({"monitor", "--once", "--db", folder.sqlite_url()}, "", {"-NOSTR_PRIVATE_KEY"});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.err.find("run `bigbrotr init` first"), std::string::npos) << result.err;
}

TEST(InvalidKey, IsAConfigurationErrorThatNeverPrintsTheKey) {
  const std::string bad_key = "nsec1notakeyatall" + std::string(40, 'q');
  for (const char* command : {"monitor", "synchronizer", "run"}) {
    TempFolder folder;
    init_database(folder.sqlite_url());
    const CommandResult result =
        run_bigbrotr({command, "--once", "--db", folder.sqlite_url()}, "", {"NOSTR_PRIVATE_KEY=" + bad_key});
    EXPECT_EQ(result.exit_code, 2) << command << ": " << result.err;
    EXPECT_NE(result.err.find("environment variable NOSTR_PRIVATE_KEY does not hold a valid key"),
              std::string::npos)
        << command << ": " << result.err;
    EXPECT_EQ(result.err.find(bad_key), std::string::npos) << command << ": " << result.err;
  }
}

}  // namespace
}  // namespace bigbrotr::testing
