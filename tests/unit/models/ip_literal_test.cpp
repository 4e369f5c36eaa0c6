#include "models/ip_literal.hpp"

#include <gtest/gtest.h>

#include <string>

namespace bigbrotr::models {
namespace {

std::string canonical(std::string_view text) {
  const auto ip = parse_ip_literal(text);
  return ip ? ip->to_string() : "<not an ip>";
}

bool reserved(std::string_view text) {
  const auto ip = parse_ip_literal(text);
  EXPECT_TRUE(ip.has_value()) << text;
  return ip && ip->is_reserved();
}

TEST(IpLiteral, ParsesDottedQuad) {
  const auto ip = parse_ip_literal("8.8.4.4");
  ASSERT_TRUE(ip.has_value());
  EXPECT_EQ(ip->family, IpLiteral::Family::v4);
  EXPECT_EQ(ip->to_string(), "8.8.4.4");
}

TEST(IpLiteral, RejectsLeadingZerosInIpv4) {
  EXPECT_FALSE(parse_ip_literal("010.0.0.1"));
  EXPECT_FALSE(parse_ip_literal("8.8.8.08"));
  EXPECT_TRUE(parse_ip_literal("0.0.0.0"));
}

TEST(IpLiteral, RejectsMalformedIpv4) {
  for (const char* text :
       {"", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.-4", "1..2.3", "a.b.c.d", " 1.2.3.4"}) {
    EXPECT_FALSE(parse_ip_literal(text)) << text;
  }
}

TEST(IpLiteral, RejectsMalformedIpv6) {
  for (const char* text : {":", ":::", "1:2:3:4:5:6:7:8:9", "12345::", "::g", "fe80::1%eth0", "[::1]",
                           "1::2::3", "::ffff:1.2.3.04"}) {
    EXPECT_FALSE(parse_ip_literal(text)) << text;
  }
}

TEST(IpLiteral, CompressesLongestZeroRun) {
  EXPECT_EQ(canonical("2606:4700:4700:0000:0000:0000:0000:1111"), "2606:4700:4700::1111");
  EXPECT_EQ(canonical("2001:db8:0:0:1:0:0:0"), "2001:db8:0:0:1::");
  EXPECT_EQ(canonical("0:0:0:0:0:0:0:1"), "::1");
  EXPECT_EQ(canonical("0:0:0:0:0:0:0:0"), "::");
  EXPECT_EQ(canonical("1:0:0:0:0:0:0:0"), "1::");
}

TEST(IpLiteral, CompressesFirstRunOnTie) {
  EXPECT_EQ(canonical("2001:db8:0:0:1:0:0:1"), "2001:db8::1:0:0:1");
}

TEST(IpLiteral, DoesNotCompressSingleZeroGroup) {
  EXPECT_EQ(canonical("2001:db8:0:1:1:1:1:1"), "2001:db8:0:1:1:1:1:1");
}

TEST(IpLiteral, LowercasesAndStripsLeadingZeros) {
  EXPECT_EQ(canonical("2A00:0DB8:000A:00B0:0C00:0000:0000:0001"), "2a00:db8:a:b0:c00::1");
}

TEST(IpLiteral, PrintsMappedIpv4InMixedNotation) {
  EXPECT_EQ(canonical("::ffff:1.2.3.4"), "::ffff:1.2.3.4");
  EXPECT_EQ(canonical("0:0:0:0:0:ffff:0102:0304"), "::ffff:1.2.3.4");
}

TEST(IpLiteral, PrintsOtherEmbeddedIpv4InHex) {
  EXPECT_EQ(canonical("64:ff9b::1.2.3.4"), "64:ff9b::102:304");
}

TEST(IpLiteral, ReservedIpv4RangesAreLocal) {
  for (const char* text :
       {"0.1.2.3",     "10.255.255.255", "100.64.0.0",      "100.127.255.255", "127.0.0.1",
        "169.254.0.1", "172.16.0.0",     "172.31.255.255",  "192.0.0.8",       "192.0.2.1",
        "192.88.99.1", "192.168.0.1",    "198.18.0.0",      "198.19.255.255",  "198.51.100.7",
        "203.0.113.9", "224.0.0.1",      "239.255.255.255", "240.0.0.1",       "255.255.255.255"}) {
    EXPECT_TRUE(reserved(text)) << text;
  }
}

TEST(IpLiteral, AddressesNextToReservedIpv4RangesArePublic) {
  for (const char* text :
       {"1.0.0.0", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255",
        "128.0.0.0", "169.253.255.255", "172.15.255.255", "172.32.0.0", "192.0.1.0", "192.0.3.0",
        "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0", "223.255.255.255"}) {
    EXPECT_FALSE(reserved(text)) << text;
  }
}

TEST(IpLiteral, ReservedIpv6RangesAreLocal) {
  for (const char* text :
       {"::1", "::", "::ffff:8.8.8.8", "64:ff9b::808:808", "100::1", "100::ffff:ffff:ffff:ffff", "2001::1",
        "2001:0:ffff::", "2001:2::1", "2001:db8::1", "2001:10::1", "2001:1f:ffff::", "fc00::1", "fdff::1",
        "fe80::1", "febf::1", "ff00::", "ff02::1"}) {
    EXPECT_TRUE(reserved(text)) << text;
  }
}

TEST(IpLiteral, AddressesNextToReservedIpv6RangesArePublic) {
  for (const char* text :
       {"::2", "64:ff9b::1:0:0:0", "100:0:0:1::", "2001:1::1", "2001:2:1::1", "2001:db9::1", "2001:20::1",
        "2001:4860:4860::8888", "2606:4700:4700::1111", "fbff::1", "fec0::1", "::fffe:1.2.3.4"}) {
    EXPECT_FALSE(reserved(text)) << text;
  }
}

TEST(IpLiteral, RawRangeChecksAgreeWithParsedAddresses) {
  EXPECT_TRUE(is_reserved_ipv4(0x7f000001U));
  EXPECT_FALSE(is_reserved_ipv4(0x08080808U));
  std::array<std::uint8_t, 16> loopback{};
  loopback[15] = 1;
  EXPECT_TRUE(is_reserved_ipv6(loopback));
  EXPECT_EQ(format_ipv6(loopback), "::1");
}

AddressScope scope_of(const char* text) { return parse_ip_literal(text).value().scope(); }

TEST(IpLiteral, LinkLocalAndMetadataAddressesHaveTheirOwnScope) {
  for (const char* text :
       {"169.254.169.254", "169.254.0.1", "fe80::1", "febf::1", "::ffff:169.254.169.254", "fd00:ec2::254"}) {
    EXPECT_EQ(scope_of(text), AddressScope::link_local) << text;
  }
}

TEST(IpLiteral, OtherReservedAddressesAreLocalAndTheRestGlobal) {
  for (const char* text :
       {"127.0.0.1", "10.1.2.3", "192.168.1.1", "::1", "fd00:ec2::253", "::ffff:127.0.0.1", "fc00::1"}) {
    EXPECT_EQ(scope_of(text), AddressScope::local) << text;
  }
  for (const char* text : {"8.8.8.8", "169.253.255.255", "169.255.0.1", "2606:4700:4700::1111"}) {
    EXPECT_EQ(scope_of(text), AddressScope::global) << text;
  }
  EXPECT_EQ(to_string(AddressScope::link_local), "link-local");
}

}  // namespace
}  // namespace bigbrotr::models
