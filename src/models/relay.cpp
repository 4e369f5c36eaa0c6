#include "models/relay.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <string>
#include <utility>

#include "models/relay_host.hpp"
#include "models/relay_url.hpp"

namespace bigbrotr::models {
namespace {

constexpr std::size_t kMaxUrlLength = 2048;
constexpr unsigned kDefaultWsPort = 80;
constexpr unsigned kDefaultWssPort = 443;

// NUL first, for its own reason: it is what breaks PostgreSQL text columns.
const char* character_problem(std::string_view text) noexcept {
  if (text.find('\0') != std::string_view::npos) return "url contains null byte";
  const bool has_control = std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
  return has_control ? "url contains control characters" : nullptr;
}

// Step 6: clearnet is reached over TLS, overlays encrypt by themselves; an allowed local
// relay (a test fixture, a LAN relay) keeps what it was given.
std::string_view forced_scheme(NetworkType network, std::string_view input_scheme) noexcept {
  if (network == NetworkType::clearnet) return "wss";
  if (is_overlay(network)) return "ws";
  return input_scheme.size() == 3 ? "wss" : "ws";
}

std::string build_url(std::string_view scheme, std::string_view host, std::optional<std::uint16_t> port,
                      std::string_view path) {
  const bool bracket = host.find(':') != std::string_view::npos;
  std::string url;
  url.reserve(scheme.size() + host.size() + path.size() + 11);
  url += scheme;
  url += "://";
  if (bracket) url += '[';
  url += host;
  if (bracket) url += ']';
  if (port) {
    url += ':';
    url += std::to_string(*port);
  }
  url += path;
  return url;
}

}  // namespace

std::int64_t unix_now() noexcept {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count();
}

std::string_view Relay::scheme() const noexcept {
  return std::string_view(url_).starts_with("wss:") ? std::string_view("wss") : std::string_view("ws");
}

Result<Relay> Relay::parse(std::string_view untrusted, const RelayParseOptions& options,
                           std::int64_t discovered_at) {
  // Nothing below throws on bad input; this only turns an allocation failure on a
  // pathological input into a rejection instead of an exception in a hot loop.
  try {
    return parse_checked(untrusted, options, discovered_at);
  } catch (const std::exception&) {
    return fail("invalid url");
  }
}

Result<Relay> Relay::parse_checked(std::string_view untrusted, const RelayParseOptions& options,
                                   std::int64_t discovered_at) {
  if (discovered_at < 0) return fail("invalid discovered_at");
  const std::string_view text = trim_whitespace(untrusted);
  if (text.empty()) return fail("empty url");
  if (const char* problem = character_problem(text)) return fail(problem);

  auto parts = split_relay_url(text);
  if (!parts) return parts.failure();
  auto ascii_host = host_to_ascii(parts->host);
  if (!ascii_host) return ascii_host.failure();
  auto host = clean_host(*ascii_host);
  if (!host) return fail("invalid host");

  ClassifiedHost classified = classify_host(std::move(*host));
  if (classified.network == NetworkType::local && !options.allow_local) {
    return fail("local addresses not allowed");
  }
  if (classified.network == NetworkType::unknown) return fail("invalid host");

  const std::string_view scheme = forced_scheme(classified.network, parts->scheme);
  std::optional<std::uint16_t> port;
  if (!parts->port.empty()) {
    const auto number = parse_port_digits(parts->port);
    if (!number) return fail("invalid port");
    if (*number != (scheme == "wss" ? kDefaultWssPort : kDefaultWsPort))
      port = static_cast<std::uint16_t>(*number);
  }

  Relay relay;
  relay.path_ = normalize_relay_path(parts->path);
  relay.url_ = build_url(scheme, classified.host, port, relay.path_);
  if (relay.url_.size() > kMaxUrlLength) return fail("url too long");
  relay.host_ = std::move(classified.host);
  relay.port_ = port;
  relay.network_ = classified.network;
  relay.discovered_at_ = discovered_at;
  return relay;
}

Result<Relay> Relay::from_canonical(std::string_view url, const RelayParseOptions& options,
                                    std::int64_t discovered_at) {
  auto relay = parse(url, options, discovered_at);
  if (relay && relay->url() != url) return fail("url is not canonical");
  return relay;
}

}  // namespace bigbrotr::models
