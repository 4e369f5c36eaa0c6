// The finder's API phase against a loopback HTTP server: expressions select the URLs,
// successful sources get a checkpoint and wait out their cooldown, failing sources
// (oversized, invalid JSON, HTTP 500, refused) are warned about and retried.
#include <chrono>
#include <thread>

#include "service_backends.hpp"
#include "services/finder.hpp"
#include "support/loopback_http_server.hpp"

namespace bigbrotr::testing {
namespace {

using models::ServiceName;
using models::ServiceStateType;

class FinderApi : public ::testing::Test {
 protected:
  FinderApi() {
    server_.route("/list.json",
                  {200, R"(["wss://list-a.example.com","ws://127.0.0.1:7002",42,null,"junk",{"url":"x"}])"});
    server_.route("/nested.json",
                  {200, R"({"data":{"relays":[{"url":"wss://nested.example.com"},{"name":"no url"}]}})"});
    server_.route("/keys.json", {200, R"({"wss://keyed.example.com":{"online":true},"not a url":{}})"});
    server_.route("/big.json", {200, "[\"" + std::string(4000, 'a') + "\"]"});
    server_.route("/broken.json", {200, R"(["wss://never.example.com")"});
    server_.route("/error.json", {500, R"(["wss://never.example.com"])"});
  }

  core::ApiSource source(const std::string& path, const std::string& expression) {
    return core::ApiSource{server_.url(path), true, 5.0, 2.0, expression, false};
  }

  core::FinderConfig config() {
    core::FinderConfig config;
    config.events.enabled = false;
    config.api.request_delay = 0;
    config.api.max_response_size = 2048;
    config.api.sources = {source("/list.json", "[*]"),     source("/nested.json", "data.relays[*].url"),
                          source("/keys.json", "keys(@)"), source("/big.json", "[*]"),
                          source("/broken.json", "[*]"),   source("/error.json", "[*]")};
    return config;
  }

  LoopbackHttpServer server_;
  ServiceHarness harness_{"sqlite::memory:", ServiceName::finder};
};

std::vector<std::string> checkpoint_keys(core::store::Store& store) {
  std::vector<std::string> keys;
  for (const auto& state : store.get_state(ServiceName::finder, ServiceStateType::checkpoint))
    keys.push_back(state.key());
  return keys;
}

TEST_F(FinderApi, ExtractsCheckpointsAndRespectsTheCooldown) {
  services::Finder finder(config(), {true}, harness_.context());
  finder.run();
  EXPECT_EQ(candidate_urls(harness_.store()),
            (std::vector<std::string>{"ws://127.0.0.1:7002", "wss://keyed.example.com",
                                      "wss://list-a.example.com", "wss://nested.example.com"}));
  EXPECT_EQ(harness_.gauge("total_sources"), 6);
  EXPECT_EQ(harness_.gauge("sources_fetched"), 3);
  EXPECT_EQ(harness_.gauge("candidates_found_from_api"), 4);
  EXPECT_EQ(checkpoint_keys(harness_.store()),
            (std::vector<std::string>{server_.url("/keys.json"), server_.url("/list.json"),
                                      server_.url("/nested.json")}));
  const std::string log = harness_.log();
  EXPECT_NE(log.find("too_large"), std::string::npos) << log;
  EXPECT_NE(log.find("invalid json"), std::string::npos) << log;
  EXPECT_NE(log.find("http status 500"), std::string::npos) << log;

  // Second cycle: the fetched sources cool down, the failed ones are tried again.
  finder.run();
  EXPECT_EQ(server_.requests("/list.json"), 1);
  EXPECT_EQ(server_.requests("/nested.json"), 1);
  EXPECT_EQ(server_.requests("/keys.json"), 1);
  EXPECT_EQ(server_.requests("/error.json"), 2);
  EXPECT_EQ(server_.requests("/broken.json"), 2);
  EXPECT_EQ(harness_.gauge("sources_fetched"), 0);
  EXPECT_EQ(harness_.store().all_candidates().size(), 4U);
}

TEST_F(FinderApi, RefusedSourceAndDisabledSourcesAreNotFatal) {
  auto settings = config();
  settings.api.sources = {
      core::ApiSource{dead_loopback_url().replace(0, 2, "http"), true, 2.0, 1.0, "[*]", false},
      source("/list.json", "[*]")};
  settings.api.sources[1].enabled = false;
  services::Finder finder(settings, {true}, harness_.context());
  finder.run();
  EXPECT_EQ(harness_.gauge("total_sources"), 1);
  EXPECT_EQ(harness_.gauge("sources_fetched"), 0);
  EXPECT_EQ(server_.requests("/list.json"), 0);
  EXPECT_NE(harness_.log().find("api source failed"), std::string::npos);
}

TEST_F(FinderApi, LoopbackSourcesNeedAllowLocal) {
  services::Finder finder(config(), {false}, harness_.context());
  finder.run();
  EXPECT_EQ(harness_.gauge("sources_fetched"), 0);
  EXPECT_TRUE(harness_.store().all_candidates().empty());
}

TEST_F(FinderApi, StopDuringRequestDelayEndsThePhaseQuickly) {
  auto settings = config();
  settings.api.request_delay = 10;
  services::Finder finder(settings, {true}, harness_.context());
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    harness_.stop().request_stop();
  });
  const auto started = std::chrono::steady_clock::now();
  finder.run();
  stopper.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  // The first source was fetched before the pause; its result is still stored.
  EXPECT_EQ(checkpoint_keys(harness_.store()), (std::vector<std::string>{server_.url("/list.json")}));
  EXPECT_EQ(harness_.store().all_candidates().size(), 2U);
}

}  // namespace
}  // namespace bigbrotr::testing
