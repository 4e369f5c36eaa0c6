#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "models/result.hpp"

// The text-level steps of relay URL canonicalisation (nips.md §1 steps 1-3, 8 and 9).
// Relay::parse composes them with network detection; they are public so each step can be
// tested on its own. None of them throws on any input (std::bad_alloc aside).
namespace bigbrotr::models {

// The components of a relay URL as written, split per RFC 3986 Appendix B. Views into
// the caller's text; the query and fragment are already dropped (step 9) and so is any
// userinfo (the canonical URL is rebuilt from scheme, host, port and path only).
struct RelayUrlParts {
  std::string_view scheme;  // "ws" or "wss", in the input's case
  std::string_view host;    // as written; IPv6 literals keep their brackets
  std::string_view port;    // digits as written; empty when absent or empty
  std::string_view path;    // "" or starting with '/'
};

// Removes surrounding whitespace, with Python's str.strip() notion of it: ASCII
// whitespace, U+001C-U+001F, U+0085, U+00A0 and the Unicode space separators.
std::string_view trim_whitespace(std::string_view text) noexcept;

// Splits trimmed text. Fails with "missing scheme", "invalid scheme" (not ws/wss),
// "missing host", "invalid host" (stray text after a bracketed host), "invalid port"
// (a port that is not all digits), "invalid userinfo" (not RFC 3986 userinfo) or
// "invalid path" (a raw '[' or ']': the one path syntax error that percent-encoding
// does not repair, as in BigBrotr).
Result<RelayUrlParts> split_relay_url(std::string_view text);

// Step 1: the host in ASCII. Labels with non-ASCII bytes are converted to punycode with
// IDNA 2003 (libidn, no STD3 rules, unassigned code points refused); ASCII labels are
// kept as they are. Fails with "invalid idn host" on bad UTF-8 or a conversion error,
// "invalid host" for non-ASCII inside brackets.
Result<std::string> host_to_ascii(std::string_view host);

// Steps 2-3 for the host: checks RFC 3986 host syntax (reg-name, IPv4address or a
// bracketed IPv6address), then strips brackets, percent-decodes, lower-cases and drops trailing
// dots. Returns nullopt when the syntax is wrong, the result is empty or it contains
// whitespace, NUL or a backslash.
std::optional<std::string> clean_host(std::string_view ascii_host);

// Steps 2 and 8 for the path: percent-encodes bytes RFC 3986 does not allow in a path,
// upper-cases percent-escapes, resolves "." and ".." segments, collapses repeated '/'
// and strips trailing '/'. Then every segment of a percent-decoded copy must consist of
// [A-Za-z0-9-._~:] and start and end with an alphanumeric; otherwise the whole path is
// dropped. Returns the kept path (still encoded) or "".
std::string normalize_relay_path(std::string_view raw_path);

// Step 7: the port number of non-empty digit text. Leading zeros are allowed; returns
// nullopt for 0, anything above 65535 or text that is not all digits.
std::optional<unsigned> parse_port_digits(std::string_view digits) noexcept;

}  // namespace bigbrotr::models
