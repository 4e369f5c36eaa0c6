#include "core/http/connection_table.hpp"

#include <gtest/gtest.h>

namespace bigbrotr::core {
namespace {

using Id = ConnectionTable::Id;

Id admitted(ConnectionTable& table, const std::string& client) {
  const auto admission = table.admit(client);
  EXPECT_TRUE(admission.admitted);
  EXPECT_FALSE(admission.evicted);
  return admission.admitted.value_or(0);
}

TEST(ConnectionTable, AdmitsUnderBothCaps) {
  ConnectionTable table(4, 2);
  admitted(table, "10.0.0.1");
  admitted(table, "10.0.0.1");
  admitted(table, "10.0.0.2");
  EXPECT_EQ(table.size(), 3u);
  EXPECT_EQ(table.count("10.0.0.1"), 2u);
  EXPECT_EQ(table.count("10.0.0.3"), 0u);
}

TEST(ConnectionTable, OverTheClientCapEvictsThatClientsOldestWaitingConnection) {
  ConnectionTable table(10, 2);
  const Id other = admitted(table, "10.0.0.2");
  const Id oldest = admitted(table, "10.0.0.1");
  const Id newer = admitted(table, "10.0.0.1");
  const auto admission = table.admit("10.0.0.1");
  ASSERT_TRUE(admission.admitted);
  EXPECT_EQ(admission.evicted, oldest);
  EXPECT_FALSE(table.contains(oldest));
  EXPECT_TRUE(table.contains(newer));
  EXPECT_TRUE(table.contains(other));
  EXPECT_EQ(table.count("10.0.0.1"), 2u);
}

TEST(ConnectionTable, BusyConnectionsAreNeverEvicted) {
  ConnectionTable table(10, 2);
  const Id busy = admitted(table, "10.0.0.1");
  const Id slow = admitted(table, "10.0.0.1");
  table.request_started(busy);
  EXPECT_EQ(table.admit("10.0.0.1").evicted, slow);
}

TEST(ConnectionTable, RefusesWhenEveryCandidateIsBusy) {
  ConnectionTable table(10, 2);
  table.request_started(admitted(table, "10.0.0.1"));
  table.request_started(admitted(table, "10.0.0.1"));
  const auto admission = table.admit("10.0.0.1");
  EXPECT_FALSE(admission.admitted);
  EXPECT_FALSE(admission.evicted);
  EXPECT_EQ(table.size(), 2u);
}

TEST(ConnectionTable, PrefersNeverServedConnectionsOverKeptAliveOnes) {
  ConnectionTable table(10, 3);
  const Id kept_alive = admitted(table, "10.0.0.1");
  table.request_started(kept_alive);
  table.response_sent(kept_alive);
  const Id slow = admitted(table, "10.0.0.1");
  admitted(table, "10.0.0.1");
  EXPECT_EQ(table.admit("10.0.0.1").evicted, slow);
}

TEST(ConnectionTable, EvictsAKeptAliveConnectionWhenNoOtherWaits) {
  ConnectionTable table(10, 2);
  const Id kept_alive = admitted(table, "10.0.0.1");
  table.request_started(kept_alive);
  table.response_sent(kept_alive);
  table.request_started(admitted(table, "10.0.0.1"));
  EXPECT_EQ(table.admit("10.0.0.1").evicted, kept_alive);
}

TEST(ConnectionTable, OverTheTotalCapEvictsAnyClientsOldestWaitingConnection) {
  ConnectionTable table(3, 3);
  const Id busy = admitted(table, "10.0.0.1");
  table.request_started(busy);
  const Id slow = admitted(table, "10.0.0.2");
  admitted(table, "10.0.0.3");
  const auto admission = table.admit("10.0.0.4");
  ASSERT_TRUE(admission.admitted);
  EXPECT_EQ(admission.evicted, slow);
  EXPECT_EQ(table.size(), 3u);
  EXPECT_EQ(table.count("10.0.0.2"), 0u);
}

TEST(ConnectionTable, RemoveFreesAPlaceAndIgnoresUnknownIds) {
  ConnectionTable table(1, 1);
  const Id first = admitted(table, "10.0.0.1");
  table.request_started(first);
  EXPECT_FALSE(table.admit("10.0.0.2").admitted);
  table.remove(first);
  table.remove(first);
  table.remove(12345);
  EXPECT_EQ(table.size(), 0u);
  admitted(table, "10.0.0.2");
}

TEST(ConnectionTable, AnEvictedIdCanBeRemovedAgainHarmlessly) {
  ConnectionTable table(10, 1);
  const Id first = admitted(table, "10.0.0.1");
  const auto admission = table.admit("10.0.0.1");
  ASSERT_EQ(admission.evicted, first);
  table.remove(first);  // the evicted connection's coroutine ending
  EXPECT_EQ(table.count("10.0.0.1"), 1u);
  EXPECT_TRUE(table.contains(*admission.admitted));
}

}  // namespace
}  // namespace bigbrotr::core
