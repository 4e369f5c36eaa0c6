#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>

#include <set>

#include "services/synchronizer/event_verifier.hpp"
#include "services/synchronizer/verified_cache.hpp"
#include "support/service_test_support.hpp"

namespace bigbrotr::services::synchronizer {
namespace {

namespace asio = boost::asio;
using testing::signed_event;

models::Event with_bad_signature(const models::Event& event) {
  models::SchnorrSignature sig = event.sig();
  sig[5] ^= 0x01;
  return models::Event::from_fields(event.id(), event.pubkey(), sig, event.created_at(), event.kind(),
                                    event.tags(), event.content())
      .value();
}

models::Event with_other_content(const models::Event& event) {
  return models::Event::from_fields(event.id(), event.pubkey(), event.sig(), event.created_at(), event.kind(),
                                    event.tags(), event.content() + "!")
      .value();
}

VerifiedEvents verify_all(const std::vector<models::Event>& events, std::size_t threads) {
  asio::io_context io;
  asio::thread_pool pool(threads);
  EventVerifier verifier(pool, io.get_executor());
  auto done = asio::co_spawn(
      io,
      [&]() -> asio::awaitable<VerifiedEvents> {
        for (const auto& event : events) verifier.submit(event);
        co_return co_await verifier.drain();
      },
      asio::use_future);
  io.run();
  pool.join();
  return done.get();
}

TEST(EventVerifier, KeepsAuthenticEventsAndCountsEachKindOfForgery) {
  std::vector<models::Event> events;
  for (int i = 0; i < 150; ++i) events.push_back(signed_event(1000 + i, {}, "e" + std::to_string(i)));
  events[3] = with_bad_signature(events[3]);
  events[70] = with_bad_signature(events[70]);
  events[140] = with_other_content(events[140]);
  const VerifiedEvents verdicts = verify_all(events, 2);
  EXPECT_EQ(verdicts.valid.size(), 147U);
  EXPECT_EQ(verdicts.bad_signature, 2U);
  EXPECT_EQ(verdicts.bad_id, 1U);
  std::set<std::string> ids;
  for (const auto& event : verdicts.valid) ids.insert(event.id_hex());
  EXPECT_EQ(ids.size(), 147U);
  EXPECT_FALSE(ids.contains(events[3].id_hex()));
}

TEST(EventVerifier, DrainWithNothingSubmittedReturnsAtOnce) {
  const VerifiedEvents verdicts = verify_all({}, 1);
  EXPECT_TRUE(verdicts.valid.empty());
  EXPECT_EQ(verdicts.bad_id + verdicts.bad_signature, 0U);
}

TEST(EventVerifier, CanBeDrainedAgainAfterADrain) {
  asio::io_context io;
  asio::thread_pool pool(1);
  EventVerifier verifier(pool, io.get_executor());
  auto done = asio::co_spawn(
      io,
      [&]() -> asio::awaitable<std::size_t> {
        verifier.submit(signed_event(1, {}, "a"));
        const auto first = co_await verifier.drain();
        verifier.submit(signed_event(2, {}, "b"));
        verifier.submit(signed_event(3, {}, "c"));
        const auto second = co_await verifier.drain();
        co_return first.valid.size() * 10 + second.valid.size();
      },
      asio::use_future);
  io.run();
  pool.join();
  EXPECT_EQ(done.get(), 12U);
}

TEST(VerifiedCache, VouchesOnlyForTheSameSignedEvent) {
  VerifiedCache cache;
  const auto event = signed_event(100, {}, "a");
  EXPECT_FALSE(cache.vouches_for(event));
  cache.remember(event);
  EXPECT_TRUE(cache.vouches_for(event));
  EXPECT_FALSE(cache.vouches_for(with_bad_signature(event)));
  EXPECT_FALSE(cache.vouches_for(with_other_content(event))) << "same id, other content: the id check fails";
  EXPECT_FALSE(cache.vouches_for(signed_event(100, {}, "b")));
}

TEST(VerifiedCache, ForgetsEventsOlderThanTheLowerBound) {
  VerifiedCache cache;
  const auto old_event = signed_event(99, {}, "old");
  const auto edge = signed_event(100, {}, "edge");
  cache.remember(old_event);
  cache.remember(edge);
  cache.forget_before(100);
  EXPECT_EQ(cache.size(), 1U);
  EXPECT_FALSE(cache.vouches_for(old_event));
  EXPECT_TRUE(cache.vouches_for(edge));
}

}  // namespace
}  // namespace bigbrotr::services::synchronizer
