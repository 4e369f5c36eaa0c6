#include "utils/geo/geohash.hpp"

#include <algorithm>

namespace bigbrotr::utils {

std::string encode_geohash(double latitude, double longitude, int precision) {
  static constexpr char kAlphabet[] = "0123456789bcdefghjkmnpqrstuvwxyz";
  precision = std::clamp(precision, 1, 12);
  latitude = std::clamp(latitude, -90.0, 90.0);
  longitude = std::clamp(longitude, -180.0, 180.0);
  double lat_range[2] = {-90.0, 90.0};
  double lon_range[2] = {-180.0, 180.0};
  std::string hash;
  bool even = true;  // bits alternate, longitude first
  int bit = 0;
  int index = 0;
  while (static_cast<int>(hash.size()) < precision) {
    double* range = even ? lon_range : lat_range;
    const double value = even ? longitude : latitude;
    const double mid = (range[0] + range[1]) / 2;
    index <<= 1;
    // Strictly greater, as Python's geohash2 (the original's encoder) decides ties:
    // (0, 0) is "7zzzzzzzz" there, not "s00000000".
    if (value > mid) {
      index |= 1;
      range[0] = mid;
    } else {
      range[1] = mid;
    }
    even = !even;
    if (++bit == 5) {
      hash += kAlphabet[index];
      bit = 0;
      index = 0;
    }
  }
  return hash;
}

}  // namespace bigbrotr::utils
