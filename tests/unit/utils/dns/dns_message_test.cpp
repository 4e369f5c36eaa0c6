#include "utils/dns/dns_message.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace bigbrotr::utils {
namespace {

using Bytes = std::vector<std::uint8_t>;

void put16(Bytes& m, std::uint16_t v) {
  m.push_back(static_cast<std::uint8_t>(v >> 8));
  m.push_back(static_cast<std::uint8_t>(v));
}

void put_name(Bytes& m, const std::string& name) {
  std::size_t start = 0;
  while (start < name.size()) {
    std::size_t dot = name.find('.', start);
    if (dot == std::string::npos) dot = name.size();
    m.push_back(static_cast<std::uint8_t>(dot - start));
    m.insert(m.end(), name.begin() + static_cast<long>(start), name.begin() + static_cast<long>(dot));
    start = dot + 1;
  }
  m.push_back(0);
}

// A response to one question for relay.example.com with the given answer records; each
// record's owner is a compression pointer to the question name (offset 12).
struct Answer {
  std::uint16_t type;
  std::uint32_t ttl;
  Bytes rdata;
};

Bytes response(const std::vector<Answer>& answers) {
  Bytes m;
  put16(m, 0x1234);
  put16(m, 0x8180);
  put16(m, 1);
  put16(m, static_cast<std::uint16_t>(answers.size()));
  put16(m, 0);
  put16(m, 0);
  put_name(m, "relay.example.com");
  put16(m, 1);
  put16(m, 1);
  for (const auto& a : answers) {
    put16(m, 0xc00c);
    put16(m, a.type);
    put16(m, 1);
    put16(m, static_cast<std::uint16_t>(a.ttl >> 16));
    put16(m, static_cast<std::uint16_t>(a.ttl));
    put16(m, static_cast<std::uint16_t>(a.rdata.size()));
    m.insert(m.end(), a.rdata.begin(), a.rdata.end());
  }
  return m;
}

Bytes name_rdata(const std::string& name) {
  Bytes out;
  put_name(out, name);
  return out;
}

TEST(DnsMessage, ReadsARecordsAfterACname) {
  const Bytes m =
      response({{5, 60, name_rdata("edge.example.net")}, {1, 300, {203, 0, 113, 7}}, {1, 300, {1, 2, 3, 4}}});
  auto a = parse_dns_answers(m, DnsRecordType::a);
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->size(), 2u);
  EXPECT_EQ((*a)[0].value, "203.0.113.7");
  EXPECT_EQ((*a)[0].ttl, 300u);
  EXPECT_EQ((*a)[1].value, "1.2.3.4");
  auto cname = parse_dns_answers(m, DnsRecordType::cname);
  ASSERT_TRUE(cname.ok());
  EXPECT_EQ(cname->at(0).value, "edge.example.net");
  EXPECT_EQ(cname->at(0).ttl, 60u);
}

TEST(DnsMessage, ReadsAaaaInCanonicalForm) {
  Bytes v6(16, 0);
  v6[0] = 0x20;
  v6[1] = 0x01;
  v6[2] = 0x0d;
  v6[3] = 0xb8;
  v6[15] = 1;
  auto aaaa = parse_dns_answers(response({{28, 10, v6}}), DnsRecordType::aaaa);
  ASSERT_TRUE(aaaa.ok());
  EXPECT_EQ(aaaa->at(0).value, "2001:db8::1");
}

TEST(DnsMessage, FollowsCompressionPointersInRdata) {
  Bytes pointer = {0xc0, 0x12};  // "example.com" inside the question name
  auto ns = parse_dns_answers(response({{2, 10, pointer}}), DnsRecordType::ns);
  ASSERT_TRUE(ns.ok());
  EXPECT_EQ(ns->at(0).value, "example.com");
}

TEST(DnsMessage, NoRecordsOfTheTypeIsAnEmptyList) {
  auto a = parse_dns_answers(response({{5, 60, name_rdata("x.example")}}), DnsRecordType::a);
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->empty());
}

TEST(DnsMessage, RejectsTruncatedAndMalformedMessages) {
  const Bytes full = response({{1, 300, {1, 2, 3, 4}}});
  for (std::size_t size = 0; size < full.size(); ++size) {
    const Bytes cut(full.begin(), full.begin() + static_cast<long>(size));
    auto parsed = parse_dns_answers(cut, DnsRecordType::a);
    ASSERT_FALSE(parsed.ok()) << size;
    EXPECT_EQ(parsed.error().kind, DnsErrorCode::bad_response);
  }
  EXPECT_FALSE(parse_dns_answers(response({{1, 300, {1, 2, 3}}}), DnsRecordType::a).ok());
  Bytes loop = response({{2, 10, {0xc0, 0x00}}});
  EXPECT_FALSE(parse_dns_answers(loop, DnsRecordType::ns).ok());
}

TEST(DnsMessage, BuildsReverseLookupNames) {
  EXPECT_EQ(reverse_lookup_name("203.0.113.7"), "7.113.0.203.in-addr.arpa");
  EXPECT_EQ(reverse_lookup_name("2001:db8::1"),
            "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
  EXPECT_FALSE(reverse_lookup_name("example.com"));
  EXPECT_FALSE(reverse_lookup_name("1.2.3"));
}

}  // namespace
}  // namespace bigbrotr::utils
