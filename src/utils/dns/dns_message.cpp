#include "utils/dns/dns_message.hpp"

#include <ares.h>

#include <array>

#include "models/ip_literal.hpp"

namespace bigbrotr::utils {
namespace {

constexpr std::size_t kHeaderSize = 12;

std::uint16_t read16(std::span<const std::uint8_t> m, std::size_t at) {
  return static_cast<std::uint16_t>(m[at] << 8 | m[at + 1]);
}

std::uint32_t read32(std::span<const std::uint8_t> m, std::size_t at) {
  return static_cast<std::uint32_t>(m[at]) << 24 | static_cast<std::uint32_t>(m[at + 1]) << 16 |
         static_cast<std::uint32_t>(m[at + 2]) << 8 | m[at + 3];
}

// Expands the (possibly compressed) name at `at`; sets `length` to its encoded length.
// c-ares bounds-checks and refuses pointer loops.
std::optional<std::string> expand_name(std::span<const std::uint8_t> m, std::size_t at, long& length) {
  if (at >= m.size()) return std::nullopt;
  char* name = nullptr;
  if (ares_expand_name(m.data() + at, m.data(), static_cast<int>(m.size()), &name, &length) != ARES_SUCCESS)
    return std::nullopt;
  std::string out(name);
  ares_free_string(name);
  while (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

DnsError malformed() { return DnsError{DnsErrorCode::bad_response, "malformed DNS response"}; }

std::optional<std::string> rdata_text(std::span<const std::uint8_t> m, std::size_t at, std::uint16_t length,
                                      DnsRecordType type) {
  if (type == DnsRecordType::a) {
    if (length != 4) return std::nullopt;
    return std::to_string(m[at]) + "." + std::to_string(m[at + 1]) + "." + std::to_string(m[at + 2]) + "." +
           std::to_string(m[at + 3]);
  }
  if (type == DnsRecordType::aaaa) {
    if (length != 16) return std::nullopt;
    std::array<std::uint8_t, 16> bytes{};
    for (std::size_t i = 0; i < 16; ++i) bytes[i] = m[at + i];
    return models::format_ipv6(bytes);
  }
  long used = 0;
  auto name = expand_name(m, at, used);
  if (!name || used > length) return std::nullopt;
  return name;
}

}  // namespace

DnsResult<std::vector<DnsRecord>> parse_dns_answers(std::span<const std::uint8_t> m, DnsRecordType type) {
  if (m.size() < kHeaderSize) return malformed();
  const std::uint16_t questions = read16(m, 4);
  const std::uint16_t answers = read16(m, 6);
  std::size_t at = kHeaderSize;
  for (std::uint16_t q = 0; q < questions; ++q) {
    long length = 0;
    if (!expand_name(m, at, length)) return malformed();
    at += static_cast<std::size_t>(length) + 4;
    if (at > m.size()) return malformed();
  }
  std::vector<DnsRecord> records;
  for (std::uint16_t a = 0; a < answers; ++a) {
    long length = 0;
    if (!expand_name(m, at, length)) return malformed();
    at += static_cast<std::size_t>(length);
    if (at + 10 > m.size()) return malformed();
    const std::uint16_t record_type = read16(m, at);
    const std::uint32_t ttl = read32(m, at + 4);
    const std::uint16_t rdlength = read16(m, at + 8);
    at += 10;
    if (at + rdlength > m.size()) return malformed();
    if (record_type == static_cast<std::uint16_t>(type)) {
      auto text = rdata_text(m, at, rdlength, type);
      if (!text) return malformed();
      records.push_back(DnsRecord{std::move(*text), ttl});
    }
    at += rdlength;
  }
  return records;
}

std::optional<std::string> reverse_lookup_name(std::string_view address) {
  const auto ip = models::parse_ip_literal(address);
  if (!ip) return std::nullopt;
  std::string name;
  if (ip->family == models::IpLiteral::Family::v4) {
    for (int i = 3; i >= 0; --i) name += std::to_string(ip->bytes[static_cast<std::size_t>(i)]) + ".";
    return name + "in-addr.arpa";
  }
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = 15; i >= 0; --i) {
    const auto byte = ip->bytes[static_cast<std::size_t>(i)];
    name += kHex[byte & 0x0f];
    name += '.';
    name += kHex[byte >> 4];
    name += '.';
  }
  return name + "ip6.arpa";
}

}  // namespace bigbrotr::utils
