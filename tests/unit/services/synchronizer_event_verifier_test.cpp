#include <gtest/gtest.h>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>

#include <string>
#include <vector>

#include "services/synchronizer/event_verifier.hpp"
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

VerifiedEvents verify_all(std::vector<models::Event> events, std::size_t threads) {
  asio::io_context io;
  asio::thread_pool pool(threads);
  auto done = asio::co_spawn(
      io,
      [&]() -> asio::awaitable<VerifiedEvents> {
        VerificationJob job(pool, io.get_executor(), std::move(events));
        co_return co_await job.result();
      },
      asio::use_future);
  io.run();
  pool.join();
  return done.get();
}

TEST(VerificationJob, KeepsAuthenticEventsInOrderAndCountsEachKindOfForgery) {
  std::vector<models::Event> events;
  for (int i = 0; i < 150; ++i) events.push_back(signed_event(1000 + i, {}, "e" + std::to_string(i)));
  events[3] = with_bad_signature(events[3]);
  events[70] = with_bad_signature(events[70]);
  events[140] = with_other_content(events[140]);
  std::vector<std::string> expected;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (i != 3 && i != 70 && i != 140) expected.push_back(events[i].id_hex());
  }
  const VerifiedEvents verdicts = verify_all(events, 2);
  EXPECT_EQ(verdicts.bad_signature, 2U);
  EXPECT_EQ(verdicts.bad_id, 1U);
  std::vector<std::string> kept;
  for (const auto& event : verdicts.valid) kept.push_back(event.id_hex());
  EXPECT_EQ(kept, expected) << "the batch's order survives chunks finishing out of order";
}

TEST(VerificationJob, AnEmptyBatchIsDoneAtOnce) {
  asio::io_context io;
  asio::thread_pool pool(1);
  VerificationJob job(pool, io.get_executor(), {});
  EXPECT_TRUE(job.done());
  const VerifiedEvents verdicts = verify_all({}, 1);
  EXPECT_TRUE(verdicts.valid.empty());
  EXPECT_EQ(verdicts.bad_id + verdicts.bad_signature, 0U);
}

TEST(VerificationJob, IsDoneOnceItsChecksHaveRun) {
  asio::io_context io;
  asio::thread_pool pool(1);
  VerificationJob job(pool, io.get_executor(), {signed_event(1, {}, "a"), signed_event(2, {}, "b")});
  EXPECT_EQ(job.size(), 2U);
  pool.join();
  EXPECT_FALSE(job.done()) << "the verdicts reach the job on its executor's thread";
  io.run();
  EXPECT_TRUE(job.done());
}

TEST(VerificationJob, ADroppedJobLetsItsChecksFinishHarmlessly) {
  asio::io_context io;
  asio::thread_pool pool(2);
  {
    std::vector<models::Event> events;
    for (int i = 0; i < 300; ++i) events.push_back(signed_event(i, {}, "x"));
    VerificationJob dropped(pool, io.get_executor(), std::move(events));
  }
  pool.join();
  EXPECT_GT(io.run(), 0U);
}

}  // namespace
}  // namespace bigbrotr::services::synchronizer
