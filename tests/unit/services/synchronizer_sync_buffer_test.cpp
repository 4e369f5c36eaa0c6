#include <gtest/gtest.h>

#include "services/synchronizer/sync_buffer.hpp"
#include "support/service_test_support.hpp"

namespace bigbrotr::services::synchronizer {
namespace {

using testing::relay_of;
using testing::seen_on;
using testing::signed_event;

class SyncBufferTest : public ::testing::Test {
 protected:
  testing::ServiceHarness harness{"sqlite::memory:", models::ServiceName::synchronizer};
  models::Relay alpha = relay_of("ws://127.0.0.1:7001");
  models::Relay beta = relay_of("ws://127.0.0.1:7002");

  std::vector<models::EventRelay> batch(const models::Relay& relay, std::int64_t first, int count) {
    std::vector<models::EventRelay> observations;
    for (int i = 0; i < count; ++i) {
      observations.push_back(
          seen_on(signed_event(first + i, {}, relay.url() + std::to_string(i)), relay, 5000));
    }
    return observations;
  }

  std::optional<boost::json::object> cursor_of(const models::Relay& relay) {
    const auto states = harness.store().get_state(models::ServiceName::synchronizer,
                                                  models::ServiceStateType::cursor, relay.url());
    if (states.empty()) return std::nullopt;
    return states.front().value();
  }
};

TEST_F(SyncBufferTest, FlushCommitsEventsWithTheCursorOfTheirLastEvent) {
  SyncBuffer buffer;
  auto first = batch(alpha, 100, 3);
  const std::string last_id = first.back().event().id_hex();
  buffer.add(alpha.url(), std::move(first));
  EXPECT_EQ(buffer.size(), 3U);
  const SyncFlush flush = buffer.take();
  EXPECT_TRUE(buffer.empty());
  EXPECT_EQ(flush.write(harness.store()), 3U);
  EXPECT_EQ(harness.store().event_ids_of_relay(alpha.url()).size(), 3U);
  const auto cursor = cursor_of(alpha);
  ASSERT_TRUE(cursor);
  EXPECT_EQ(cursor->at("timestamp").as_int64(), 102);
  EXPECT_EQ(cursor->at("id").as_string(), last_id);
}

TEST_F(SyncBufferTest, LaterBatchesOfARelayMoveItsCursorForward) {
  SyncBuffer buffer;
  buffer.add(alpha.url(), batch(alpha, 100, 2));
  buffer.add(beta.url(), batch(beta, 50, 1));
  buffer.add(alpha.url(), batch(alpha, 200, 2));
  const SyncFlush flush = buffer.take();
  ASSERT_EQ(flush.cursors.size(), 2U);
  flush.write(harness.store());
  EXPECT_EQ(cursor_of(alpha)->at("timestamp").as_int64(), 201);
  EXPECT_EQ(cursor_of(beta)->at("timestamp").as_int64(), 50);
}

TEST_F(SyncBufferTest, EmptyBatchLeavesTheCursorAlone) {
  SyncBuffer buffer;
  buffer.add(alpha.url(), {});
  EXPECT_TRUE(buffer.empty());
  EXPECT_EQ(buffer.take().write(harness.store()), 0U);
  EXPECT_FALSE(cursor_of(alpha));
}

TEST_F(SyncBufferTest, RewritingTheSameEventsInsertsNothingNewAndKeepsTheCursor) {
  SyncBuffer buffer;
  buffer.add(alpha.url(), batch(alpha, 100, 4));
  buffer.take().write(harness.store());
  buffer.add(alpha.url(), batch(alpha, 100, 4));
  EXPECT_EQ(buffer.take().write(harness.store()), 0U);
  EXPECT_EQ(harness.store().event_ids_of_relay(alpha.url()).size(), 4U);
  EXPECT_EQ(cursor_of(alpha)->at("timestamp").as_int64(), 103);
}

TEST_F(SyncBufferTest, CursorStateHasTheStoredShape) {
  const auto state = cursor_state("ws://127.0.0.1:7001", 42, std::string(64, 'a'));
  EXPECT_EQ(state.service(), models::ServiceName::synchronizer);
  EXPECT_EQ(state.type(), models::ServiceStateType::cursor);
  EXPECT_EQ(state.key(), "ws://127.0.0.1:7001");
  EXPECT_EQ(state.value().at("timestamp").as_int64(), 42);
}

}  // namespace
}  // namespace bigbrotr::services::synchronizer
