#include "services/validator.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/free_loopback_port.hpp"
#include "support/service_test_support.hpp"
#include "support/silent_listener.hpp"

namespace bigbrotr::services {
namespace {

using testing::candidate_urls;
using testing::dead_loopback_url;
using testing::relay_of;
using testing::relay_urls;
using testing::ServiceHarness;

core::ValidatorConfig local_only_config() {
  core::ValidatorConfig config;
  config.networks.clearnet.enabled = false;
  config.networks.local.enabled = true;
  config.networks.local.timeout = 2.0;
  return config;
}

const core::store::Candidate* find_candidate(const std::vector<core::store::Candidate>& all,
                                             const std::string& url) {
  for (const auto& candidate : all)
    if (candidate.relay.url() == url) return &candidate;
  return nullptr;
}

TEST(Validator, CleanupDropsPromotedAndExhaustedCandidates) {
  ServiceHarness harness;
  auto& store = harness.store();
  const auto promoted = relay_of("wss://promoted.example.com");
  const auto exhausted = relay_of("wss://exhausted.example.com");
  const auto fresh = relay_of("wss://fresh.example.com");
  store.add_candidates(std::vector{promoted, exhausted, fresh}, 100);
  store.insert_relays(std::vector{promoted});
  store.record_candidate_failures(std::vector{core::store::Candidate{exhausted, 0, 100}}, 200);
  store.record_candidate_failures(std::vector{core::store::Candidate{exhausted, 1, 200}}, 300);

  core::ValidatorConfig config;
  config.cleanup.max_failures = 2;
  Validator validator(config, harness.context());
  EXPECT_EQ(validator.cleanup(), 2U);
  EXPECT_EQ(candidate_urls(store), (std::vector<std::string>{"wss://fresh.example.com"}));
}

TEST(Validator, CleanupKeepsFailingCandidatesWhenDisabled) {
  ServiceHarness harness;
  auto& store = harness.store();
  const auto failing = relay_of("wss://failing.example.com");
  store.add_candidates(std::vector{failing}, 100);
  store.record_candidate_failures(std::vector{core::store::Candidate{failing, 0, 100}}, 200);
  core::ValidatorConfig config;
  config.cleanup.enabled = false;
  config.cleanup.max_failures = 1;
  Validator validator(config, harness.context());
  EXPECT_EQ(validator.cleanup(), 0U);
  EXPECT_EQ(store.all_candidates().size(), 1U);
}

TEST(Validator, NoEnabledNetworkWarnsAndTouchesNothing) {
  ServiceHarness harness;
  harness.store().add_candidates(std::vector{relay_of(dead_loopback_url())}, 100);
  core::ValidatorConfig config;
  config.networks.clearnet.enabled = false;
  Validator validator(config, harness.context());
  validator.run();
  EXPECT_NE(harness.log().find("no enabled network"), std::string::npos) << harness.log();
  EXPECT_EQ(harness.store().all_candidates().front().failures, 0);
}

TEST(Validator, DeadRelayGetsOneFailureAndWaitsForTheInterval) {
  ServiceHarness harness;
  auto& store = harness.store();
  const std::string dead = dead_loopback_url();
  store.add_candidates(std::vector{relay_of(dead)}, 100);
  Validator validator(local_only_config(), harness.context());

  validator.run();
  auto all = store.all_candidates();
  ASSERT_EQ(all.size(), 1U);
  EXPECT_EQ(all.front().failures, 1);
  EXPECT_GE(all.front().last_attempt, models::unix_now() - 60);
  EXPECT_TRUE(relay_urls(store).empty());
  EXPECT_EQ(harness.gauge("total"), 1);
  EXPECT_EQ(harness.gauge("not_validated"), 1);
  EXPECT_EQ(harness.gauge("validated"), 0);

  validator.run();  // within processing.interval: not retried
  EXPECT_EQ(store.all_candidates().front().failures, 1);
  EXPECT_EQ(harness.gauge("total"), 0);
}

TEST(Validator, FailedCandidateIsRetriedAfterTheInterval) {
  ServiceHarness harness;
  auto& store = harness.store();
  const auto dead = relay_of(dead_loopback_url());
  store.add_candidates(std::vector{dead}, 100);
  // Failed once, long ago.
  store.record_candidate_failures(std::vector{core::store::Candidate{dead, 0, 100}}, 1000);
  Validator validator(local_only_config(), harness.context());
  validator.run();
  EXPECT_EQ(store.all_candidates().front().failures, 2);
}

TEST(Validator, MaxCandidatesCapsOneCycle) {
  ServiceHarness harness;
  auto& store = harness.store();
  std::vector<models::Relay> dead;
  for (int index = 0; index < 3; ++index) dead.push_back(relay_of(dead_loopback_url() + "/r" + std::to_string(index)));
  store.add_candidates(dead, 100);
  auto config = local_only_config();
  config.processing.max_candidates = 2;
  config.processing.chunk_size = 10;
  Validator validator(config, harness.context());
  validator.run();
  int probed = 0;
  for (const auto& candidate : store.all_candidates()) probed += static_cast<int>(candidate.failures);
  EXPECT_EQ(probed, 2);
}

TEST(Validator, PagesThroughEveryEligibleCandidate) {
  ServiceHarness harness;
  auto& store = harness.store();
  std::vector<models::Relay> dead;
  for (int index = 0; index < 25; ++index)
    dead.push_back(relay_of(dead_loopback_url() + "/p" + std::to_string(index)));
  store.add_candidates(dead, 100);
  auto config = local_only_config();
  config.processing.chunk_size = 10;
  config.networks.local.max_tasks = 3;
  Validator validator(config, harness.context());
  validator.run();
  for (const auto& candidate : store.all_candidates())
    EXPECT_EQ(candidate.failures, 1) << candidate.relay.url();
}

TEST(Validator, ASilentRelayHoldsUpOnlyItsOwnProbe) {
  ServiceHarness harness;
  auto& store = harness.store();
  const testing::SilentLoopbackListener silent;
  // The dead candidates failed long ago, so the silent one (never tried) is offered first.
  std::vector<models::Relay> dead;
  std::vector<core::store::Candidate> failed;
  for (int index = 0; index < 20; ++index) {
    dead.push_back(relay_of(dead_loopback_url() + "/d" + std::to_string(index)));
    failed.push_back(core::store::Candidate{dead.back(), 0, 100});
  }
  store.add_candidates(dead, 100);
  store.record_candidate_failures(failed, 1000);
  store.add_candidates(std::vector{relay_of(silent.url())}, 100);
  auto config = local_only_config();
  config.networks.local.timeout = 3.0;
  config.processing.chunk_size = 10;
  config.networks.local.max_tasks = 3;
  Validator validator(config, harness.context());
  validator.run();

  // Waiting page by page, the 11th dead candidate would only start once the silent one
  // timed out; streaming, every dead one is decided while it still hangs.
  const std::string log = harness.log();
  const auto silent_verdict = log.find("probed relay=" + silent.url());
  ASSERT_NE(silent_verdict, std::string::npos) << log;
  for (const auto& relay : dead) {
    const auto verdict = log.find("probed relay=" + relay.url() + " ");
    ASSERT_NE(verdict, std::string::npos) << relay.url();
    EXPECT_LT(verdict, silent_verdict) << relay.url();
  }
  for (const auto& candidate : store.all_candidates())
    EXPECT_EQ(candidate.failures, candidate.relay.url() == silent.url() ? 1 : 2) << candidate.relay.url();
}

TEST(Validator, CandidatesOfDisabledNetworksWait) {
  ServiceHarness harness;
  auto& store = harness.store();
  const std::string dead = dead_loopback_url();
  store.add_candidates(std::vector{relay_of(dead), relay_of("wss://clearnet.example.com")}, 100);
  Validator validator(local_only_config(), harness.context());
  validator.run();
  const auto all = store.all_candidates();
  EXPECT_EQ(find_candidate(all, dead)->failures, 1);
  EXPECT_EQ(find_candidate(all, "wss://clearnet.example.com")->failures, 0);
}

TEST(Validator, StopRequestedBeforeTheCycleProbesNothing) {
  ServiceHarness harness;
  auto& store = harness.store();
  store.add_candidates(std::vector{relay_of(dead_loopback_url())}, 100);
  harness.stop().request_stop();
  Validator validator(local_only_config(), harness.context());
  validator.run();
  EXPECT_EQ(store.all_candidates().front().failures, 0);
}

}  // namespace
}  // namespace bigbrotr::services
