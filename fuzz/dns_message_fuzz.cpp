// A DNS response as c-ares hands it to the resolver: parse_dns_answers reads the answer
// section with its own bounds checks (c-ares expands the names). The first byte picks the
// record type asked for. Oracle: an A or AAAA answer is always an IP literal.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "models/ip_literal.hpp"
#include "utils/dns/dns_message.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using bigbrotr::utils::DnsRecordType;
  constexpr std::array kTypes{DnsRecordType::a, DnsRecordType::aaaa, DnsRecordType::ns, DnsRecordType::cname,
                              DnsRecordType::ptr};
  if (size == 0) return 0;
  const DnsRecordType type = kTypes[data[0] % kTypes.size()];
  const auto records = bigbrotr::utils::parse_dns_answers(std::span(data + 1, size - 1), type);
  if (!records || (type != DnsRecordType::a && type != DnsRecordType::aaaa)) return 0;
  for (const auto& record : records.value()) {
    if (!bigbrotr::models::parse_ip_literal(record.value)) std::abort();
  }
  return 0;
}
