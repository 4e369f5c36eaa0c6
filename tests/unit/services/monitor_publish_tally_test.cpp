#include "services/monitor/publish_tally.hpp"

#include <gtest/gtest.h>

#include "support/service_test_support.hpp"

namespace bigbrotr::services::monitor {
namespace {

using Outcome = PublishAttempt::Outcome;

models::Event event_of_kind(std::uint16_t kind) {
  models::SecretKey key{};
  key.fill(7);
  return models::Event::sign(1700000000, kind, {}, "", key);
}

TEST(PublishTally, CountsAnswersAndAcceptedEventsByKind) {
  testing::ServiceHarness harness;
  auto context = harness.context();
  PublishTally tally(context.logger, context.metrics);
  const models::Relay target = testing::relay_of("wss://publish.example");
  tally.record(target, event_of_kind(30166), PublishAttempt{Outcome::accepted, ""});
  tally.record(target, event_of_kind(30166), PublishAttempt{Outcome::accepted, ""});
  tally.record(target, event_of_kind(10166), PublishAttempt{Outcome::accepted, ""});
  tally.record(target, event_of_kind(30166), PublishAttempt{Outcome::rejected, "blocked: no"});
  tally.record(target, event_of_kind(30166), PublishAttempt{Outcome::unreachable, "refused"});
  EXPECT_EQ(tally.published(), 4u);
  EXPECT_EQ(tally.accepted(), 3u);
  EXPECT_EQ(tally.failed(), 1u);
  EXPECT_EQ(harness.counter("accepted"), 3);
  EXPECT_EQ(harness.counter("accepted_kind_30166"), 2);
  EXPECT_EQ(harness.counter("accepted_kind_10166"), 1);
  EXPECT_EQ(harness.counter("publish_failed"), 1);
}

}  // namespace
}  // namespace bigbrotr::services::monitor
