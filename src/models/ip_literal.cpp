#include "models/ip_literal.hpp"

#include <boost/url/ipv4_address.hpp>
#include <boost/url/ipv6_address.hpp>

#include <algorithm>
#include <cstddef>

namespace bigbrotr::models {
namespace {

struct Ipv4Range {
  std::uint32_t base;
  int prefix;
};

struct Ipv6Range {
  std::array<std::uint8_t, 16> base;
  int prefix;
};

constexpr std::uint32_t ipv4(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d) {
  return a << 24 | b << 16 | c << 8 | d;
}

// nips.md §1, step 4 (IANA IPv4 special-purpose registry, as BigBrotr lists it).
constexpr std::array<Ipv4Range, 16> kReservedIpv4{{
    {ipv4(0, 0, 0, 0), 8},
    {ipv4(10, 0, 0, 0), 8},
    {ipv4(100, 64, 0, 0), 10},
    {ipv4(127, 0, 0, 0), 8},
    {ipv4(169, 254, 0, 0), 16},
    {ipv4(172, 16, 0, 0), 12},
    {ipv4(192, 0, 0, 0), 24},
    {ipv4(192, 0, 2, 0), 24},
    {ipv4(192, 88, 99, 0), 24},
    {ipv4(192, 168, 0, 0), 16},
    {ipv4(198, 18, 0, 0), 15},
    {ipv4(198, 51, 100, 0), 24},
    {ipv4(203, 0, 113, 0), 24},
    {ipv4(224, 0, 0, 0), 4},
    {ipv4(240, 0, 0, 0), 4},
    {ipv4(255, 255, 255, 255), 32},
}};

// nips.md §1, step 4 (IANA IPv6 special-purpose registry, as BigBrotr lists it).
constexpr std::array<Ipv6Range, 12> kReservedIpv6{{
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 128},  // ::1/128
    {{}, 128},                                                // ::/128
    {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, 96},         // ::ffff:0:0/96
    {{0x00, 0x64, 0xff, 0x9b}, 96},                           // 64:ff9b::/96
    {{0x01, 0x00}, 64},                                       // 100::/64
    {{0x20, 0x01, 0x00, 0x00}, 32},                           // 2001::/32
    {{0x20, 0x01, 0x00, 0x02}, 48},                           // 2001:2::/48
    {{0x20, 0x01, 0x0d, 0xb8}, 32},                           // 2001:db8::/32
    {{0x20, 0x01, 0x00, 0x10}, 28},                           // 2001:10::/28
    {{0xfc}, 7},                                              // fc00::/7
    {{0xfe, 0x80}, 10},                                       // fe80::/10
    {{0xff}, 8},                                              // ff00::/8
}};

bool in_range(const std::array<std::uint8_t, 16>& address, const Ipv6Range& range) noexcept {
  const int whole_bytes = range.prefix / 8;
  for (int i = 0; i < whole_bytes; ++i) {
    if (address[i] != range.base[i]) return false;
  }
  const int rest_bits = range.prefix % 8;
  if (rest_bits == 0) return true;
  const auto mask = static_cast<std::uint8_t>(0xff << (8 - rest_bits));
  return (address[whole_bytes] & mask) == (range.base[whole_bytes] & mask);
}

bool is_ipv4_mapped(const std::array<std::uint8_t, 16>& address) noexcept {
  return in_range(address, kReservedIpv6[2]);
}

void append_hex_group(std::string& out, unsigned group) {
  constexpr std::string_view kDigits = "0123456789abcdef";
  bool started = false;
  for (int shift = 12; shift >= 0; shift -= 4) {
    const unsigned digit = (group >> shift) & 0xf;
    if (digit != 0 || started || shift == 0) {
      out.push_back(kDigits[digit]);
      started = true;
    }
  }
}

void append_dotted_quad(std::string& out, const std::uint8_t* bytes) {
  for (int i = 0; i < 4; ++i) {
    if (i != 0) out.push_back('.');
    out += std::to_string(bytes[i]);
  }
}

// RFC 5952 §4.2: the longest run of at least two zero groups, the first one on a tie.
std::pair<int, int> longest_zero_run(const std::array<unsigned, 8>& groups, int group_count) {
  int best_start = -1;
  int best_length = 1;
  for (int i = 0; i < group_count;) {
    if (groups[i] != 0) {
      ++i;
      continue;
    }
    int j = i;
    while (j < group_count && groups[j] == 0) ++j;
    if (j - i > best_length) {
      best_start = i;
      best_length = j - i;
    }
    i = j;
  }
  return {best_start, best_start < 0 ? 0 : best_length};
}

}  // namespace

bool is_reserved_ipv4(std::uint32_t address) noexcept {
  return std::any_of(kReservedIpv4.begin(), kReservedIpv4.end(), [address](const Ipv4Range& range) {
    const std::uint32_t mask = range.prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - range.prefix);
    return (address & mask) == (range.base & mask);
  });
}

bool is_reserved_ipv6(const std::array<std::uint8_t, 16>& address) noexcept {
  return std::any_of(kReservedIpv6.begin(), kReservedIpv6.end(),
                     [&address](const Ipv6Range& range) { return in_range(address, range); });
}

std::string format_ipv6(const std::array<std::uint8_t, 16>& address) {
  // RFC 5952 §5: IPv4-mapped addresses keep their dotted quad.
  const bool mapped = is_ipv4_mapped(address);
  const int group_count = mapped ? 6 : 8;
  std::array<unsigned, 8> groups{};
  for (std::size_t i = 0; i < groups.size(); ++i)
    groups[i] = static_cast<unsigned>(address[2 * i] << 8 | address[2 * i + 1]);
  const auto [run_start, run_length] = longest_zero_run(groups, group_count);

  std::string out;
  out.reserve(39);
  for (int i = 0; i < group_count; ++i) {
    if (i == run_start) {
      out += "::";
      i += run_length - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out.push_back(':');
    append_hex_group(out, groups[i]);
  }
  if (mapped) {
    if (out.back() != ':') out.push_back(':');
    append_dotted_quad(out, address.data() + 12);
  }
  return out;
}

std::string IpLiteral::to_string() const {
  if (family == Family::v6) return format_ipv6(bytes);
  std::string out;
  out.reserve(15);
  append_dotted_quad(out, bytes.data());
  return out;
}

bool IpLiteral::is_reserved() const noexcept {
  if (family == Family::v6) return is_reserved_ipv6(bytes);
  return is_reserved_ipv4(ipv4(bytes[0], bytes[1], bytes[2], bytes[3]));
}

std::string_view to_string(AddressScope scope) noexcept {
  switch (scope) {
    case AddressScope::global:
      return "global";
    case AddressScope::local:
      return "local";
    case AddressScope::link_local:
      return "link-local";
  }
  return "local";
}

AddressScope IpLiteral::scope() const noexcept {
  constexpr Ipv4Range kLinkLocalIpv4{ipv4(169, 254, 0, 0), 16};
  constexpr Ipv6Range kLinkLocalIpv6{{0xfe, 0x80}, 10};
  constexpr Ipv6Range kMetadataIpv6{{0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54}, 128};
  const bool mapped = family == Family::v6 && is_ipv4_mapped(bytes);
  if (family == Family::v4 || mapped) {
    const std::size_t at = mapped ? 12 : 0;
    const std::uint32_t address = ipv4(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
    if ((address & 0xffff0000U) == kLinkLocalIpv4.base) return AddressScope::link_local;
  } else if (in_range(bytes, kLinkLocalIpv6) || in_range(bytes, kMetadataIpv6)) {
    return AddressScope::link_local;
  }
  return is_reserved() ? AddressScope::local : AddressScope::global;
}

std::optional<IpLiteral> parse_ip_literal(std::string_view text) noexcept {
  // Boost.URL's grammars are the RFC 3986 ones: dec-octet forbids leading zeros, and
  // IPv6address has no zone identifier. They report errors as values.
  IpLiteral literal;
  if (text.find(':') == std::string_view::npos) {
    const auto v4 = boost::urls::parse_ipv4_address(boost::urls::string_view(text.data(), text.size()));
    if (!v4) return std::nullopt;
    const auto octets = v4->to_bytes();
    std::copy(octets.begin(), octets.end(), literal.bytes.begin());
    literal.family = IpLiteral::Family::v4;
    return literal;
  }
  const auto v6 = boost::urls::parse_ipv6_address(boost::urls::string_view(text.data(), text.size()));
  if (!v6) return std::nullopt;
  literal.bytes = v6->to_bytes();
  literal.family = IpLiteral::Family::v6;
  return literal;
}

}  // namespace bigbrotr::models
