#pragma once

#include <string>

// Geohash (Niemeyer's standard base32 alphabet "0123456789bcdefghjkmnpqrstuvwxyz").
namespace bigbrotr::utils {

inline constexpr int kDefaultGeohashPrecision = 9;

// The geohash of (latitude, longitude) with `precision` characters. Latitude is clamped
// to [-90, 90] and longitude to [-180, 180]; precision to 1..12.
std::string encode_geohash(double latitude, double longitude, int precision = kDefaultGeohashPrecision);

}  // namespace bigbrotr::utils
