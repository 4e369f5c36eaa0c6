#include "models/hex.hpp"

namespace bigbrotr::models {
namespace {

constexpr char kDigits[] = "0123456789abcdef";

int lower_nibble(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

int any_case_nibble(char c) noexcept {
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return lower_nibble(c);
}

template <int (*Nibble)(char)>
bool decode(std::string_view text, std::span<std::uint8_t> out) noexcept {
  if (text.size() != out.size() * 2) return false;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = Nibble(text[2 * i]);
    const int lo = Nibble(text[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<std::uint8_t>((hi << 4) | lo);
  }
  return true;
}

}  // namespace

bool decode_hex_lower(std::string_view text, std::span<std::uint8_t> out) noexcept {
  return decode<lower_nibble>(text, out);
}

bool decode_hex_any_case(std::string_view text, std::span<std::uint8_t> out) noexcept {
  return decode<any_case_nibble>(text, out);
}

void append_hex(std::string& out, std::span<const std::uint8_t> bytes) {
  const std::size_t start = out.size();
  out.resize(start + bytes.size() * 2);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    out[start + 2 * i] = kDigits[bytes[i] >> 4];
    out[start + 2 * i + 1] = kDigits[bytes[i] & 0x0f];
  }
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
  std::string out;
  append_hex(out, bytes);
  return out;
}

}  // namespace bigbrotr::models
