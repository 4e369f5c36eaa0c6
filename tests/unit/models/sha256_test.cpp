#include "models/sha256.hpp"

#include <gtest/gtest.h>

#include "models/hex.hpp"

namespace bigbrotr::models {
namespace {

TEST(Sha256, MatchesKnownDigests) {
  EXPECT_EQ(to_hex(sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(to_hex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, HashesBinaryDataWithNul) {
  const std::string data("a\0b", 3);
  EXPECT_NE(sha256(data), sha256("a"));
}

}  // namespace
}  // namespace bigbrotr::models
