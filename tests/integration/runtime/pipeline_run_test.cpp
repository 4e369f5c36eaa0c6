// `bigbrotr run`, the whole pipeline in one process, on a temp SQLite database and a
// fixture relay on loopback: --once takes a seeded URL through validation, monitoring and
// synchronisation; the continuous run serves every service's metrics on one endpoint and
// the api, and stops cleanly on SIGTERM. Public relay lists, publishing and GeoLite downloads are
// switched off so nothing leaves the machine.
#include <gtest/gtest.h>

#include <sstream>

#include "core/store/open_store.hpp"
#include "integration/runtime/runtime_test_support.hpp"
#include "support/background_process.hpp"
#include "support/fixture_relay_process.hpp"
#include "support/http_get.hpp"

namespace bigbrotr::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kOfflineFinder = "api:\n  enabled: false\n";
constexpr const char* kOfflineMonitor =
    "processing:\n"
    "  compute: {nip66_geo: false, nip66_net: false}\n"
    "  store: {nip66_geo: false, nip66_net: false}\n"
    "discovery: {enabled: false}\n"
    "announcement: {enabled: false}\n"
    "profile: {enabled: false}\n"
    "relay_list: {enabled: false}\n";

class PipelineRun : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_.write("config/services/finder.yaml", kOfflineFinder);
    folder_.write("config/services/monitor.yaml", kOfflineMonitor);
    seed_file_ = folder_.write("seeds.txt", "# the fixture relay\n" + relay_.url() + "\nnot a relay\n");
  }
  std::vector<std::string> run_args(bool once) const {
    std::vector<std::string> args{"run", "--allow-local", "--config", (folder_.path() / "config").string(),
                                  "--db", folder_.sqlite_url(), "--seed-file", seed_file_.string()};
    if (once) args.emplace_back("--once");
    return args;
  }
  std::unique_ptr<core::store::Store> open_database() const {
    core::StorageConfig config;
    config.database.url = folder_.sqlite_url();
    return core::store::open_store(config, logger_, models::ServiceName::seeder);
  }

  TempFolder folder_;
  FixtureRelayProcess relay_;
  std::filesystem::path seed_file_;
  std::ostringstream discard_;
  core::Logger logger_{"test", core::LogLevel::error, core::LogFormat::text, discard_};
};

TEST_F(PipelineRun, OnceTakesASeededRelayThroughThePipeline) {
  // No `init` first: run creates the schema itself.
  const CommandResult result = run_bigbrotr(run_args(true), "", {"-NOSTR_PRIVATE_KEY"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string& log = result.err;
  EXPECT_NE(log.find("database schema created"), std::string::npos) << log;
  // Pipeline order, the finder after the synchronizer whose archive it reads: each
  // service's first line comes after the previous one's.
  std::size_t previous = 0;
  for (const char* service :
       {" seeder ", " validator ", " monitor ", " synchronizer ", " finder ", " refresher "}) {
    const auto at = log.find(service);
    ASSERT_NE(at, std::string::npos) << service << " never logged:\n" << log;
    EXPECT_GT(at, previous) << service << " ran out of order:\n" << log;
    previous = at;
  }
  EXPECT_NE(log.find("candidates registered added=1"), std::string::npos) << log;
  EXPECT_NE(log.find("validated=1 restricted=0 not_validated=0"), std::string::npos) << log;
  EXPECT_NE(log.find("succeeded=1 failed=0"), std::string::npos) << log;
  EXPECT_NE(log.find("all services stopped exit_code=0"), std::string::npos) << log;

  const auto store = open_database();
  std::vector<std::string> relays;
  for (const auto& relay : store->relays()) relays.push_back(relay.url());
  EXPECT_EQ(relays, std::vector<std::string>{relay_.url()});
  EXPECT_TRUE(store->all_candidates().empty());
  EXPECT_GT(store->counts().relay_metadata, 0);
}

TEST_F(PipelineRun, ContinuousRunServesEveryServiceOnOneEndpointAndStopsOnSigterm) {
  const int port = free_loopback_port();
  // The validator's metrics config is the first enabled one, so it names the endpoint.
  folder_.write("config/services/validator.yaml",
                "metrics:\n  enabled: true\n  port: " + std::to_string(port) + "\n");
  folder_.write("config/services/refresher.yaml", "metrics:\n  enabled: true\n  port: 0\n");
  const int api_port = free_loopback_port();
  folder_.write("config/services/api.yaml", "port: " + std::to_string(api_port) + "\n");
  auto run = start_bigbrotr(run_args(false), folder_.path(), {"-NOSTR_PRIVATE_KEY"});
  ASSERT_TRUE(run->wait_for_log("serving metrics of every service", 60s)) << run->err();
  ASSERT_TRUE(run->wait_for_log("serving the api", 60s)) << run->err();
  EXPECT_NE(run->err().find("url=http://127.0.0.1:" + std::to_string(api_port) + "/v1"), std::string::npos)
      << run->err();
  const auto health = http_get(api_port, "/health");
  ASSERT_TRUE(health) << run->err();
  EXPECT_EQ(health->status, 200);
  const auto stats = http_get(api_port, "/v1/stats");
  ASSERT_TRUE(stats) << run->err();
  EXPECT_EQ(stats->status, 200) << stats->body;
  ASSERT_TRUE(run->wait_for_log("refresher cycle done", 120s)) << run->err();
  ASSERT_TRUE(run->wait_for_log("validator cycle done", 120s)) << run->err();
  EXPECT_NE(run->err().find("config_of=validator"), std::string::npos) << run->err();

  const auto answer = http_get(port, "/metrics");
  ASSERT_TRUE(answer) << run->err();
  EXPECT_NE(answer->body.find("service_info{service=\"validator\"} 1"), std::string::npos) << answer->body;
  EXPECT_NE(answer->body.find("service_info{service=\"refresher\"} 1"), std::string::npos) << answer->body;
  EXPECT_EQ(answer->body.find("service_info{service=\"finder\"}"), std::string::npos) << answer->body;
  EXPECT_EQ(answer->body.find("service_info{service=\"seeder\"}"), std::string::npos) << answer->body;

  run->signal(SIGTERM);
  const auto exit_code = run->wait_exit(60s);
  ASSERT_TRUE(exit_code) << run->err();
  EXPECT_EQ(*exit_code, 0) << run->err();
  EXPECT_NE(run->err().find("all services stopped exit_code=0"), std::string::npos) << run->err();
}

}  // namespace
}  // namespace bigbrotr::testing
