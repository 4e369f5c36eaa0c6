#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// IP address literals as they appear in relay URLs: strict parsing, the canonical text
// form and the special-purpose ranges that make an address "local" (nips.md §1 step 4).
namespace bigbrotr::models {

// Where an address leads, for the transport's redirect rule (a redirect may not move a
// request from one scope to another): the public internet, a local network (loopback,
// private and other reserved ranges), or a link-local network, which is where cloud
// metadata services answer (169.254.169.254, fd00:ec2::254) and so is never a relay's
// redirect target.
enum class AddressScope : std::uint8_t { global, local, link_local };

std::string_view to_string(AddressScope scope) noexcept;

// A parsed IPv4 or IPv6 address.
struct IpLiteral {
  enum class Family : std::uint8_t { v4, v6 };

  Family family = Family::v4;
  // Network byte order; an IPv4 address uses the first four bytes.
  std::array<std::uint8_t, 16> bytes{};

  // The canonical text: dotted quad for IPv4, RFC 5952 for IPv6 (lower-case hex, no
  // leading zeros, the longest run of two or more zero groups shown as "::", and
  // IPv4-mapped addresses in mixed notation). Never bracketed.
  std::string to_string() const;

  // True when the address lies in one of the reserved ranges of nips.md §1 (private,
  // loopback, link-local, documentation, multicast, ...).
  bool is_reserved() const noexcept;

  // link_local for 169.254.0.0/16, fe80::/10 (and IPv4-mapped forms of the former) and
  // the IPv6 metadata address fd00:ec2::254; local for every other reserved address;
  // global otherwise.
  AddressScope scope() const noexcept;
};

// Parses text (no brackets) as an IP address. IPv4 must be a strict dotted quad: four
// decimal octets, no leading zeros (`010.0.0.1` is ambiguous and is not an IP). IPv6 is
// RFC 4291 text, with an optional embedded dotted quad; zone identifiers are refused.
// Returns nullopt for anything else. Never throws, allocates nothing.
std::optional<IpLiteral> parse_ip_literal(std::string_view text) noexcept;

// The reserved-range checks on raw addresses. An IPv4 address is the integer
// a.b.c.d = a << 24 | b << 16 | c << 8 | d; an IPv6 address is in network byte order.
bool is_reserved_ipv4(std::uint32_t address) noexcept;
bool is_reserved_ipv6(const std::array<std::uint8_t, 16>& address) noexcept;

// RFC 5952 text of an IPv6 address (see IpLiteral::to_string).
std::string format_ipv6(const std::array<std::uint8_t, 16>& address);

}  // namespace bigbrotr::models
