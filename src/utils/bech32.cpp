#include "utils/bech32.hpp"

#include <array>
#include <cctype>

namespace bigbrotr::utils {
namespace {

constexpr std::string_view kCharset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
constexpr std::size_t kMaxLength = 5000;
constexpr std::size_t kChecksumLength = 6;

std::uint32_t polymod(const std::vector<std::uint8_t>& values) {
  constexpr std::array<std::uint32_t, 5> kGenerator{0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd,
                                                    0x2a1462b3};
  std::uint32_t checksum = 1;
  for (const std::uint8_t value : values) {
    const std::uint32_t top = checksum >> 25;
    checksum = ((checksum & 0x1ffffff) << 5) ^ value;
    for (std::size_t i = 0; i < kGenerator.size(); ++i) {
      if ((top >> i) & 1) checksum ^= kGenerator[i];
    }
  }
  return checksum;
}

std::vector<std::uint8_t> expand_hrp(std::string_view hrp) {
  std::vector<std::uint8_t> out;
  out.reserve(hrp.size() * 2 + 1);
  for (const char c : hrp) out.push_back(static_cast<std::uint8_t>(c) >> 5);
  out.push_back(0);
  for (const char c : hrp) out.push_back(static_cast<std::uint8_t>(c) & 31);
  return out;
}

// Regroups bits; `pad` adds zero bits to complete the last group (encoding), otherwise
// leftover bits must be fewer than from_bits and all zero (decoding).
bool convert_bits(const std::vector<std::uint8_t>& in, int from_bits, int to_bits, bool pad,
                  std::vector<std::uint8_t>& out) {
  std::uint32_t accumulator = 0;
  int bits = 0;
  const std::uint32_t max_value = (1u << to_bits) - 1;
  for (const std::uint8_t value : in) {
    if ((value >> from_bits) != 0) return false;
    accumulator = (accumulator << from_bits) | value;
    bits += from_bits;
    while (bits >= to_bits) {
      bits -= to_bits;
      out.push_back(static_cast<std::uint8_t>((accumulator >> bits) & max_value));
    }
  }
  if (pad) {
    if (bits > 0) out.push_back(static_cast<std::uint8_t>((accumulator << (to_bits - bits)) & max_value));
    return true;
  }
  return bits < from_bits && ((accumulator << (to_bits - bits)) & max_value) == 0;
}

}  // namespace

std::string bech32_encode(std::string_view hrp, const std::vector<std::uint8_t>& bytes) {
  std::vector<std::uint8_t> data;
  convert_bits(bytes, 8, 5, true, data);
  std::vector<std::uint8_t> checked = expand_hrp(hrp);
  checked.insert(checked.end(), data.begin(), data.end());
  checked.insert(checked.end(), kChecksumLength, 0);
  const std::uint32_t checksum = polymod(checked) ^ 1;

  std::string out(hrp);
  out += '1';
  for (const std::uint8_t value : data) out += kCharset[value];
  for (std::size_t i = 0; i < kChecksumLength; ++i) out += kCharset[(checksum >> (5 * (5 - i))) & 31];
  return out;
}

models::Result<Bech32Data> bech32_decode(std::string_view text) {
  if (text.size() > kMaxLength) return models::fail("bech32 string too long");
  bool has_lower = false;
  bool has_upper = false;
  for (const char c : text) {
    if (c < 33 || c > 126) return models::fail("bech32 string has an invalid character");
    has_lower = has_lower || (c >= 'a' && c <= 'z');
    has_upper = has_upper || (c >= 'A' && c <= 'Z');
  }
  if (has_lower && has_upper) return models::fail("bech32 string mixes upper and lower case");

  const std::size_t separator = text.rfind('1');
  if (separator == std::string_view::npos || separator == 0 ||
      separator + 1 + kChecksumLength > text.size()) {
    return models::fail("bech32 string has no prefix, separator or checksum");
  }

  Bech32Data result;
  for (const char c : text.substr(0, separator)) {
    result.hrp += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  std::vector<std::uint8_t> data;
  for (const char c : text.substr(separator + 1)) {
    const std::size_t position = kCharset.find(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (position == std::string_view::npos) return models::fail("bech32 string has an invalid character");
    data.push_back(static_cast<std::uint8_t>(position));
  }

  std::vector<std::uint8_t> checked = expand_hrp(result.hrp);
  checked.insert(checked.end(), data.begin(), data.end());
  if (polymod(checked) != 1) return models::fail("bech32 checksum mismatch");

  data.resize(data.size() - kChecksumLength);
  if (!convert_bits(data, 5, 8, false, result.bytes)) return models::fail("bech32 payload has invalid padding");
  return result;
}

}  // namespace bigbrotr::utils
