#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "models/enums.hpp"
#include "models/result.hpp"

namespace bigbrotr::models {

// Seconds since the Unix epoch, from the system clock.
std::int64_t unix_now() noexcept;

// Policy knobs of Relay::parse.
struct RelayParseOptions {
  // Accept `local` hosts (localhost, private and other reserved IP literals). Meant for
  // tests and LAN deployments; such a relay keeps the scheme and port it was given.
  bool allow_local = false;
};

// A Nostr relay, identified by its canonical URL (nips.md §1). A Relay only ever holds a
// canonical URL: parse(relay.url()) yields the same url. Values are immutable; copying is
// cheap enough (a few short strings) and safe to share between threads.
class Relay {
 public:
  // Canonicalises untrusted text (seed lines, tag values, API items, config entries) or
  // fails with a short lower-case reason: "empty url", "url contains null byte",
  // "url contains control characters", "missing scheme", "invalid scheme",
  // "missing host", "invalid userinfo", "invalid path", "invalid idn host",
  // "invalid host", "local addresses not allowed", "invalid port", "url too long",
  // "invalid discovered_at". Never throws, whatever the
  // bytes; cost is linear in the input length. discovered_at is when the relay was first
  // seen (Unix seconds, >= 0).
  static Result<Relay> parse(std::string_view untrusted, const RelayParseOptions& options = {},
                             std::int64_t discovered_at = unix_now());

  // Like parse, but accepts only text that is already canonical (a stored URL); anything
  // parse would rewrite fails with "url is not canonical".
  static Result<Relay> from_canonical(std::string_view url, const RelayParseOptions& options = {},
                                      std::int64_t discovered_at = unix_now());

  // The canonical URL: scheme://host[:port][path]; an IPv6 host is bracketed.
  const std::string& url() const noexcept { return url_; }
  NetworkType network() const noexcept { return network_; }
  // "wss" for clearnet, "ws" for tor/i2p/loki, the given scheme for an allowed local host.
  std::string_view scheme() const noexcept;
  // Lower-case host; IP literals in canonical form, IPv6 without brackets.
  const std::string& host() const noexcept { return host_; }
  // The explicit port, or nullopt when it is the default of the scheme (443 / 80).
  std::optional<std::uint16_t> port() const noexcept { return port_; }
  // The path, still percent-encoded ("/nostrclient/api/v1/relay"); empty when none.
  const std::string& path() const noexcept { return path_; }
  std::int64_t discovered_at() const noexcept { return discovered_at_; }

  // Relays are the same relay when their canonical URLs are equal.
  bool operator==(const Relay& other) const noexcept { return url_ == other.url_; }

 private:
  Relay() = default;

  static Result<Relay> parse_checked(std::string_view untrusted, const RelayParseOptions& options,
                                     std::int64_t discovered_at);

  std::string url_;
  std::string host_;
  std::string path_;
  std::optional<std::uint16_t> port_;
  NetworkType network_ = NetworkType::unknown;
  std::int64_t discovered_at_ = 0;
};

}  // namespace bigbrotr::models
