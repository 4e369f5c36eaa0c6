#include "models/event_json.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <span>

#include "models/hex.hpp"

namespace bigbrotr::models {
namespace {

// For each byte: 0 = copy verbatim, otherwise the character after the backslash
// ('u' meaning \u00xx). Mirrors JSON.stringify (ECMA-262 QuoteJSONString).
constexpr std::array<char, 256> make_escape_table() {
  std::array<char, 256> table{};
  for (int c = 0; c < 0x20; ++c) table[c] = 'u';
  table['\b'] = 'b';
  table['\t'] = 't';
  table['\n'] = 'n';
  table['\f'] = 'f';
  table['\r'] = 'r';
  table['"'] = '"';
  table['\\'] = '\\';
  return table;
}
constexpr std::array<char, 256> kEscape = make_escape_table();

void append_escape(std::string& out, unsigned char c) {
  constexpr char kHexDigits[] = "0123456789abcdef";
  const char kind = kEscape[c];
  if (kind == 'u') {
    const char unicode[6] = {'\\', 'u', '0', '0', kHexDigits[c >> 4], kHexDigits[c & 0x0f]};
    out.append(unicode, sizeof unicode);
  } else {
    const char short_form[2] = {'\\', kind};
    out.append(short_form, sizeof short_form);
  }
}

// True when one of the 8 bytes at p is below 0x20, '"' or '\\' (bit tricks from
// "Bit Twiddling Hacks": haszero / hasless; exact for the whole word).
bool block_needs_escape(const char* p) noexcept {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
  std::uint64_t word;
  std::memcpy(&word, p, sizeof word);
  const auto has_zero_byte = [](std::uint64_t v) { return ((v - kOnes) & ~v & kHighs) != 0; };
  const bool has_control = ((word - kOnes * 0x20) & ~word & kHighs) != 0;
  return has_control || has_zero_byte(word ^ (kOnes * '"')) || has_zero_byte(word ^ (kOnes * '\\'));
}

void append_integer(std::string& out, std::int64_t value) {
  char digits[24];
  const auto result = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, result.ptr);
}

void append_hex_string(std::string& out, std::span<const std::uint8_t> bytes) {
  out.push_back('"');
  append_hex(out, bytes);
  out.push_back('"');
}

// The length of the UTF-8 sequence starting at text[i], or 0 when it is malformed
// (RFC 3629, table 3-7 of the Unicode standard).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned char low = 0x80;
  unsigned char high = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    if (lead == 0xe0) low = 0xa0;   // overlong
    if (lead == 0xed) high = 0x9f;  // surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    if (lead == 0xf0) low = 0x90;   // overlong
    if (lead == 0xf4) high = 0x8f;  // above U+10FFFF
  } else {
    return 0;
  }
  if (text.size() - i < length || byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
  }
  return length;
}

}  // namespace

bool is_valid_utf8(std::string_view text) noexcept {
  std::size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

void append_json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  // Copy runs of verbatim bytes in one append, and skip 8 clean bytes at a time: most
  // content needs no escape at all, and this runs over every byte of every event.
  std::size_t run_start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.size() - i >= 8 && !block_needs_escape(text.data() + i)) {
      i += 8;
      continue;
    }
    const std::size_t stop = std::min(text.size(), i + 8);
    for (; i < stop; ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (kEscape[c] == 0) continue;
      out.append(text.data() + run_start, i - run_start);
      append_escape(out, c);
      run_start = i + 1;
    }
  }
  out.append(text.data() + run_start, text.size() - run_start);
  out.push_back('"');
}

void append_json_tags(std::string& out, const EventTags& tags) {
  out.push_back('[');
  for (std::size_t i = 0; i < tags.size(); ++i) {
    if (i != 0) out.push_back(',');
    out.push_back('[');
    const auto& tag = tags[i];
    for (std::size_t j = 0; j < tag.size(); ++j) {
      if (j != 0) out.push_back(',');
      append_json_string(out, tag[j]);
    }
    out.push_back(']');
  }
  out.push_back(']');
}

void append_id_serialisation(std::string& out, const Event& event) {
  out.append("[0,");
  append_hex_string(out, event.pubkey());
  out.push_back(',');
  append_integer(out, event.created_at());
  out.push_back(',');
  append_integer(out, event.kind());
  out.push_back(',');
  append_json_tags(out, event.tags());
  out.push_back(',');
  append_json_string(out, event.content());
  out.push_back(']');
}

void append_event_json(std::string& out, const Event& event) {
  out.append("{\"id\":");
  append_hex_string(out, event.id());
  out.append(",\"pubkey\":");
  append_hex_string(out, event.pubkey());
  out.append(",\"created_at\":");
  append_integer(out, event.created_at());
  out.append(",\"kind\":");
  append_integer(out, event.kind());
  out.append(",\"tags\":");
  append_json_tags(out, event.tags());
  out.append(",\"content\":");
  append_json_string(out, event.content());
  out.append(",\"sig\":");
  append_hex_string(out, event.sig());
  out.push_back('}');
}

}  // namespace bigbrotr::models
