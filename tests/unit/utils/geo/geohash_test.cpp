#include "utils/geo/geohash.hpp"

#include <gtest/gtest.h>

namespace bigbrotr::utils {
namespace {

TEST(Geohash, MatchesKnownVectors) {
  EXPECT_EQ(encode_geohash(42.6, -5.6, 5), "ezs42");
  EXPECT_EQ(encode_geohash(57.64911, 10.40744, 11), "u4pruydqqvj");
  EXPECT_EQ(encode_geohash(52.52, 13.405), "u33dc0cpp");
  EXPECT_EQ(encode_geohash(-33.8688, 151.2093, 6), "r3gx2f");
}

TEST(Geohash, DefaultPrecisionIsNine) { EXPECT_EQ(encode_geohash(37.751, -97.822).size(), 9u); }

TEST(Geohash, ClampsPrecisionAndCoordinates) {
  EXPECT_EQ(encode_geohash(10, 10, 0).size(), 1u);
  EXPECT_EQ(encode_geohash(10, 10, 40).size(), 12u);
  EXPECT_EQ(encode_geohash(95, 200, 4), encode_geohash(90, 180, 4));
  EXPECT_EQ(encode_geohash(90, 180, 4), "zzzz");
  EXPECT_EQ(encode_geohash(-90, -180, 4), "0000");
}

TEST(Geohash, TiesGoDownAsInGeohash2) { EXPECT_EQ(encode_geohash(0, 0, 5), "7zzzz"); }

}  // namespace
}  // namespace bigbrotr::utils
