#include <gtest/gtest.h>

#include "services/synchronizer/ingest_policy.hpp"
#include "support/service_test_support.hpp"

namespace bigbrotr::services::synchronizer {
namespace {

using testing::relay_of;
using testing::signed_event;

TEST(IngestPolicy, KeepsStorableEventsInOrder) {
  IngestCounters counters;
  const auto relay = relay_of("ws://127.0.0.1:7001");
  const auto observations = to_observations({signed_event(1, {}, "a"), signed_event(2, {}, "b")}, relay, 10,
                                            std::nullopt, counters);
  ASSERT_EQ(observations.size(), 2U);
  EXPECT_EQ(observations[0].event().created_at(), 1);
  EXPECT_EQ(observations[1].relay().url(), relay.url());
  EXPECT_EQ(observations[1].seen_at(), 10);
  EXPECT_EQ(counters.oversized + counters.unstorable, 0U);
}

TEST(IngestPolicy, DropsEventsWhoseJsonExceedsTheMaximumSize) {
  IngestCounters counters;
  const auto small = signed_event(1, {}, "a");
  const auto big = signed_event(2, {}, std::string(2000, 'x'));
  const auto limit = static_cast<std::int64_t>(small.to_json().size());
  const auto observations =
      to_observations({small, big}, relay_of("ws://127.0.0.1:7001"), 10, limit, counters);
  ASSERT_EQ(observations.size(), 1U);
  EXPECT_EQ(observations[0].event(), small);
  EXPECT_EQ(counters.oversized, 1U);
}

TEST(IngestPolicy, DropsEventsTheArchiveCannotIndex) {
  IngestCounters counters;
  const auto with_nul = signed_event(1, {}, std::string("a\0b", 3));
  const auto long_tag = signed_event(2, {{"t", std::string(2049, 'v')}}, "c");
  const auto observations =
      to_observations({with_nul, long_tag}, relay_of("ws://127.0.0.1:7001"), 10, std::nullopt, counters);
  EXPECT_TRUE(observations.empty());
  EXPECT_EQ(counters.unstorable, 2U);
}

}  // namespace
}  // namespace bigbrotr::services::synchronizer
