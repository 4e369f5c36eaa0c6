#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// How a value someone else wrote (a config value, a URL, a string a relay sent) is shown
// inside an error or log message: whole when short, else cut, so that a 10 MB value never
// makes a 10 MB message line.
namespace bigbrotr::models {

// Text up to this many bytes is shown whole.
inline constexpr std::size_t kExcerptMaxBytes = 80;
// Longer text keeps at most this many bytes (fewer when that would split a UTF-8 sequence).
inline constexpr std::size_t kExcerptKeptBytes = 64;

// `text` for a message: whole when it is at most kExcerptMaxBytes, else its first bytes
// followed by "... (<size> bytes)". Control bytes (below 0x20, and 0x7f) are shown as
// \xNN so the message stays on one line.
std::string excerpt(std::string_view text);

// The longest prefix of `text` of at most `limit` bytes that ends on a UTF-8 character
// boundary (for text stored with a size cap).
std::string_view utf8_prefix(std::string_view text, std::size_t limit);

// excerpt(text) in single quotes: 'soon', or 'abc...xyz'... (10485760 bytes).
std::string quoted_excerpt(std::string_view text);

}  // namespace bigbrotr::models
