#include "models/text_excerpt.hpp"

namespace bigbrotr::models {
namespace {

void append_escaped(std::string& out, std::string_view text) {
  constexpr char kHexDigits[] = "0123456789abcdef";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      out += "\\x";
      out += kHexDigits[byte >> 4];
      out += kHexDigits[byte & 0x0f];
    } else {
      out += c;
    }
  }
}

std::string excerpt_in(std::string_view text, std::string_view quote) {
  std::string out(quote);
  if (text.size() <= kExcerptMaxBytes) {
    append_escaped(out, text);
    out += quote;
    return out;
  }
  append_escaped(out, utf8_prefix(text, kExcerptKeptBytes));
  out += quote;
  out += "... (" + std::to_string(text.size()) + " bytes)";
  return out;
}

}  // namespace

std::string_view utf8_prefix(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  // Step back over continuation bytes (10xxxxxx) to the lead byte of the cut character,
  // then drop that character: it does not fit whole.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xc0) == 0x80) --end;
  return text.substr(0, end);
}

std::string excerpt(std::string_view text) { return excerpt_in(text, ""); }

std::string quoted_excerpt(std::string_view text) { return excerpt_in(text, "'"); }

}  // namespace bigbrotr::models
