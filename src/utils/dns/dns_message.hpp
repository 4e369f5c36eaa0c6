#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "utils/dns/dns_result.hpp"

// The small part of the DNS wire format (RFC 1035 §4) the resolver needs: reading the
// answer section of a response. Pure functions, no I/O.
namespace bigbrotr::utils {

// The record types bigbrotr asks for; values are the RFC 1035 / 3596 type codes.
enum class DnsRecordType : std::uint16_t { a = 1, ns = 2, cname = 5, ptr = 12, aaaa = 28 };

// One answer record: A/AAAA as the address text (IPv6 in RFC 5952 form), NS/CNAME/PTR as
// the target name without a trailing dot.
struct DnsRecord {
  std::string value;
  std::uint32_t ttl = 0;
};

// The records of `type` in the answer section of a response (other types, such as the
// CNAMEs in front of an A RRset, are skipped). Fails with bad_response when the message
// is truncated or malformed. Never reads outside `message`.
DnsResult<std::vector<DnsRecord>> parse_dns_answers(std::span<const std::uint8_t> message,
                                                    DnsRecordType type);

// The reverse-lookup name of an IP address: "4.3.2.1.in-addr.arpa" or the 32-nibble
// ".ip6.arpa" form. nullopt when `address` is not an IP literal.
std::optional<std::string> reverse_lookup_name(std::string_view address);

}  // namespace bigbrotr::utils
