#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace bigbrotr::models {

// Decodes exactly out.size() bytes from lower-case hex. Nostr requires lower-case, so
// upper-case digits, a wrong length or any other character make it return false (out is
// then unspecified).
bool decode_hex_lower(std::string_view text, std::span<std::uint8_t> out) noexcept;

// Decodes hex of either case; used where a human typed the value (keys in env vars).
bool decode_hex_any_case(std::string_view text, std::span<std::uint8_t> out) noexcept;

// Appends the lower-case hex form of bytes to out.
void append_hex(std::string& out, std::span<const std::uint8_t> bytes);

// The lower-case hex form of bytes.
std::string to_hex(std::span<const std::uint8_t> bytes);

}  // namespace bigbrotr::models
