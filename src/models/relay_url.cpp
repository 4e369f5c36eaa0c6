#include "models/relay_url.hpp"

#include <idn-free.h>
#include <idna.h>
#include <boost/url/grammar/parse.hpp>
#include <boost/url/ipv6_address.hpp>
#include <boost/url/rfc/pct_encoded_rule.hpp>
#include <boost/url/rfc/sub_delim_chars.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include <algorithm>
#include <cstddef>
#include <memory>

#include "models/event_json.hpp"  // is_valid_utf8

namespace bigbrotr::models {
namespace {

constexpr std::string_view kUpperHex = "0123456789ABCDEF";

// RFC 3986 §3.2.1 and §3.2.2: what userinfo and a reg-name may hold besides pct-encoded.
constexpr auto kUserinfoChars = boost::urls::unreserved_chars + boost::urls::sub_delim_chars + ':';
constexpr auto kRegNameChars = boost::urls::unreserved_chars + boost::urls::sub_delim_chars;

boost::urls::string_view to_boost(std::string_view text) noexcept { return {text.data(), text.size()}; }

// True when all of text is characters of `allowed` or complete "%XX" escapes.
template <class CharSet>
bool is_pct_encoded_of(std::string_view text, const CharSet& allowed) noexcept {
  return boost::urls::grammar::parse(to_boost(text), boost::urls::pct_encoded_rule(allowed)).has_value();
}

bool is_alnum(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_ascii(std::string_view text) noexcept {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// True when text[i] starts a complete "%XX" escape.
bool is_escape_at(std::string_view text, std::size_t i) noexcept {
  return text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0;
}

char decode_escape_at(std::string_view text, std::size_t i) noexcept {
  return static_cast<char>(hex_value(text[i + 1]) << 4 | hex_value(text[i + 2]));
}

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x >= 'A' && x <= 'Z' ? x + ('a' - 'A') : x) == y;
         });
}

// RFC 3986 pchar minus pct-encoded, plus '/': what a path may hold unencoded.
bool is_path_char(char c) noexcept {
  constexpr std::string_view kOthers = "-._~!$&'()*+,;=:@/";
  return is_alnum(c) || kOthers.find(c) != std::string_view::npos;
}

// What the path rule (step 8) allows inside a decoded segment.
bool is_segment_char(char c) noexcept {
  return is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == ':';
}

// Lengths in bytes of the whitespace code point starting at text[i], or 0.
std::size_t whitespace_length_at(std::string_view text, std::size_t i) noexcept {
  const auto byte = [&](std::size_t k) {
    return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0U;
  };
  const unsigned b0 = byte(0);
  if ((b0 >= 0x09 && b0 <= 0x0d) || (b0 >= 0x1c && b0 <= 0x20)) return 1;
  if (b0 == 0xc2 && (byte(1) == 0x85 || byte(1) == 0xa0)) return 2;  // U+0085, U+00A0
  if (b0 == 0xe1 && byte(1) == 0x9a && byte(2) == 0x80) return 3;    // U+1680
  if (b0 == 0xe3 && byte(1) == 0x80 && byte(2) == 0x80) return 3;    // U+3000
  if (b0 == 0xe2 && byte(1) == 0x81 && byte(2) == 0x9f) return 3;    // U+205F
  if (b0 != 0xe2 || byte(1) != 0x80) return 0;
  // U+2000-U+200A, U+2028, U+2029, U+202F
  const unsigned b2 = byte(2);
  return (b2 >= 0x80 && b2 <= 0x8a) || b2 == 0xa8 || b2 == 0xa9 || b2 == 0xaf ? 3 : 0;
}

std::size_t trailing_whitespace_length(std::string_view text) noexcept {
  for (std::size_t length = 1; length <= 3 && length <= text.size(); ++length) {
    if (whitespace_length_at(text, text.size() - length) == length) return length;
  }
  return 0;
}

// Step 1 for one label: IDNA 2003 ToASCII, as Python's "idna" codec does it.
bool append_idna_label(std::string& out, std::string_view label) {
  if (!is_valid_utf8(label)) return false;
  const std::string terminated(label);
  char* converted = nullptr;
  const int rc = idna_to_ascii_8z(terminated.c_str(), &converted, 0);
  const std::unique_ptr<char, decltype(&idn_free)> owner(converted, &idn_free);
  if (rc != IDNA_SUCCESS || converted == nullptr) return false;
  out += converted;
  return true;
}

// RFC 3986 §5.2.4, on a path that is empty or starts with '/'.
std::string remove_dot_segments(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  const auto drop_last_segment = [&out] {
    const std::size_t slash = out.rfind('/');
    out.erase(slash == std::string::npos ? 0 : slash);
  };
  while (!in.empty()) {
    if (in.starts_with("/./")) {
      in.remove_prefix(2);
    } else if (in == "/.") {
      in = "/";
    } else if (in.starts_with("/../")) {
      in.remove_prefix(3);
      drop_last_segment();
    } else if (in == "/..") {
      in = "/";
      drop_last_segment();
    } else {
      const std::size_t next = in.find('/', 1);
      const std::size_t length = next == std::string_view::npos ? in.size() : next;
      out.append(in.substr(0, length));
      in.remove_prefix(length);
    }
  }
  return out;
}

// Percent-encodes what may not appear in a path and upper-cases existing escapes.
std::string encode_path(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (is_escape_at(raw, i)) {
      out += {'%', kUpperHex[hex_value(raw[i + 1])], kUpperHex[hex_value(raw[i + 2])]};
      i += 2;
    } else if (c != '%' && is_path_char(c)) {
      out.push_back(c);
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += {'%', kUpperHex[byte >> 4], kUpperHex[byte & 0xf]};
    }
  }
  return out;
}

void collapse_slashes(std::string& path) {
  const auto end = std::unique(path.begin(), path.end(), [](char a, char b) { return a == '/' && b == '/'; });
  path.erase(end, path.end());
  while (!path.empty() && path.back() == '/') path.pop_back();
}

// The segment rule of step 8, applied to the percent-decoded form of an encoded path.
bool has_valid_segments(std::string_view path) noexcept {
  char first = 0;
  char last = 0;
  bool in_segment = false;
  const auto close_segment = [&] {
    const bool ok = !in_segment || (is_alnum(first) && is_alnum(last));
    in_segment = false;
    return ok;
  };
  for (std::size_t i = 0; i < path.size(); ++i) {
    char c = path[i];
    if (is_escape_at(path, i)) {
      c = decode_escape_at(path, i);
      i += 2;
    }
    if (c == '/') {
      if (!close_segment()) return false;
      continue;
    }
    if (!is_segment_char(c)) return false;
    if (!in_segment) first = c;
    in_segment = true;
    last = c;
  }
  return close_segment();
}

}  // namespace

std::string_view trim_whitespace(std::string_view text) noexcept {
  while (const std::size_t length = text.empty() ? 0 : whitespace_length_at(text, 0))
    text.remove_prefix(length);
  while (const std::size_t length = trailing_whitespace_length(text)) text.remove_suffix(length);
  return text;
}

Result<RelayUrlParts> split_relay_url(std::string_view text) {
  const std::size_t colon = text.find_first_of(":/?#");
  if (colon == 0 || colon == std::string_view::npos || text[colon] != ':') return fail("missing scheme");
  RelayUrlParts parts;
  parts.scheme = text.substr(0, colon);
  if (!iequals(parts.scheme, "ws") && !iequals(parts.scheme, "wss")) return fail("invalid scheme");
  std::string_view rest = text.substr(colon + 1);
  if (!rest.starts_with("//")) return fail("missing host");
  rest.remove_prefix(2);

  const std::size_t authority_end = std::min(rest.find_first_of("/?#"), rest.size());
  std::string_view authority = rest.substr(0, authority_end);
  const std::string_view after = rest.substr(authority_end);
  parts.path = after.substr(0, std::min(after.find_first_of("?#"), after.size()));
  // Every other byte a path may not hold is percent-encoded later; square brackets are
  // reserved characters, which that encoding leaves alone, so they make the path invalid.
  if (parts.path.find_first_of("[]") != std::string_view::npos) return fail("invalid path");
  if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    if (!is_pct_encoded_of(authority.substr(0, at), kUserinfoChars)) return fail("invalid userinfo");
    authority.remove_prefix(at + 1);
  }

  std::size_t host_end = std::min(authority.find(':'), authority.size());
  if (authority.starts_with('[')) {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return fail("invalid host");
    host_end = close + 1;
  }
  parts.host = authority.substr(0, host_end);
  const std::string_view tail = authority.substr(host_end);
  if (parts.host.empty()) return fail("missing host");
  if (!tail.empty() && tail.front() != ':') return fail("invalid host");
  if (!tail.empty()) parts.port = tail.substr(1);
  if (!std::all_of(parts.port.begin(), parts.port.end(), is_digit)) return fail("invalid port");
  return parts;
}

Result<std::string> host_to_ascii(std::string_view host) {
  if (is_ascii(host)) return std::string(host);
  if (host.starts_with('[')) return fail("invalid host");
  std::string out;
  out.reserve(host.size() + 16);
  for (;;) {
    const std::size_t dot = host.find('.');
    const std::string_view label = host.substr(0, dot);
    if (is_ascii(label)) {
      out += label;
    } else if (!append_idna_label(out, label)) {
      return fail("invalid idn host");
    }
    if (dot == std::string_view::npos) return out;
    out.push_back('.');
    host.remove_prefix(dot + 1);
  }
}

std::optional<std::string> clean_host(std::string_view ascii_host) {
  if (ascii_host.starts_with('[')) {
    // IP-literal: only IPv6 (no IPvFuture, no zone identifier) is a usable relay host.
    if (ascii_host.size() < 2 || !ascii_host.ends_with(']')) return std::nullopt;
    ascii_host = ascii_host.substr(1, ascii_host.size() - 2);
    if (!boost::urls::parse_ipv6_address(to_boost(ascii_host))) return std::nullopt;
  } else if (!is_pct_encoded_of(ascii_host, kRegNameChars)) {
    return std::nullopt;  // IPv4address is a subset of reg-name
  }

  std::string host;
  host.reserve(ascii_host.size());
  for (std::size_t i = 0; i < ascii_host.size(); ++i) {
    char c = ascii_host[i];
    if (is_escape_at(ascii_host, i)) {
      c = decode_escape_at(ascii_host, i);
      i += 2;
    }
    host.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c);
  }
  while (!host.empty() && host.back() == '.') host.pop_back();
  if (host.empty() || trim_whitespace(host).size() != host.size()) return std::nullopt;
  if (host.find_first_of(std::string_view(" \t\r\n\0\\", 6)) != std::string::npos) return std::nullopt;
  return host;
}

std::string normalize_relay_path(std::string_view raw_path) {
  if (raw_path.empty()) return {};
  std::string path = remove_dot_segments(encode_path(raw_path));
  collapse_slashes(path);
  if (!has_valid_segments(path)) path.clear();
  return path;
}

std::optional<unsigned> parse_port_digits(std::string_view digits) noexcept {
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), is_digit)) return std::nullopt;
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  if (digits.size() > 5) return std::nullopt;
  unsigned value = 0;
  for (const char c : digits) value = value * 10 + static_cast<unsigned>(c - '0');
  if (value == 0 || value > 65535) return std::nullopt;
  return value;
}

}  // namespace bigbrotr::models
