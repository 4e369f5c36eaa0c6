#include "nips/nip13/nip13_pow.hpp"

#include <gtest/gtest.h>

#include "utils/keys.hpp"

namespace bigbrotr::nips {
namespace {

using Clock = std::chrono::steady_clock;

UnsignedEvent draft() {
  return UnsignedEvent{1700000000, 22456, {{"d", "wss://relay.example.com"}}, "nip66-test"};
}

TEST(Nip13Pow, CountsLeadingZeroBits) {
  models::Sha256Digest id{};
  EXPECT_EQ(leading_zero_bits(id), 256);
  id[0] = 0x80;
  EXPECT_EQ(leading_zero_bits(id), 0);
  id[0] = 0x00;
  id[1] = 0x0f;
  EXPECT_EQ(leading_zero_bits(id), 12);
  id[1] = 0x01;
  EXPECT_EQ(leading_zero_bits(id), 15);
}

TEST(Nip13Pow, ZeroDifficultySignsWithoutNonce) {
  const auto keys = utils::Keys::generate();
  const auto event = mine_event(draft(), 0, keys.secret_key(), Clock::now() + std::chrono::seconds(5));
  ASSERT_TRUE(event.has_value());
  EXPECT_TRUE(event->verify());
  EXPECT_EQ(event->tags().size(), 1U);
  EXPECT_EQ(event->content(), "nip66-test");
}

TEST(Nip13Pow, MinesNonceReachingDifficulty) {
  const auto keys = utils::Keys::generate();
  const auto event = mine_event(draft(), 10, keys.secret_key(), Clock::now() + std::chrono::seconds(60));
  ASSERT_TRUE(event.has_value());
  EXPECT_TRUE(event->verify());
  EXPECT_GE(leading_zero_bits(event->id()), 10);
  ASSERT_EQ(event->tags().size(), 2U);
  EXPECT_EQ(event->tags()[1][0], "nonce");
  EXPECT_EQ(event->tags()[1][2], "10");
}

TEST(Nip13Pow, RefusesDifficultyAboveCap) {
  const auto keys = utils::Keys::generate();
  EXPECT_FALSE(
      mine_event(draft(), kMaxPowDifficulty + 1, keys.secret_key(), Clock::now() + std::chrono::hours(1)));
}

TEST(Nip13Pow, GivesUpAtDeadline) {
  const auto keys = utils::Keys::generate();
  const auto start = Clock::now();
  EXPECT_FALSE(
      mine_event(draft(), kMaxPowDifficulty, keys.secret_key(), start + std::chrono::milliseconds(50)));
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
}

}  // namespace
}  // namespace bigbrotr::nips
