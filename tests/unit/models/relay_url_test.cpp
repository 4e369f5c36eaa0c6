#include "models/relay_url.hpp"

#include <gtest/gtest.h>

#include <string>

namespace bigbrotr::models {
namespace {

TEST(RelayUrl, TrimsAsciiAndUnicodeWhitespace) {
  EXPECT_EQ(trim_whitespace(" \t\r\n\v\f x \x1f"), "x");
  EXPECT_EQ(trim_whitespace("\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000x\u0085"), "x");
  EXPECT_EQ(trim_whitespace("  "), "");
  EXPECT_EQ(trim_whitespace(""), "");
}

TEST(RelayUrl, TrimLeavesInnerAndLookalikeBytesAlone) {
  EXPECT_EQ(trim_whitespace(" a b "), "a b");
  EXPECT_EQ(trim_whitespace("\u200bx"), "\u200bx");  // zero-width space is not whitespace
  EXPECT_EQ(trim_whitespace("x\xe2\x80"), "x\xe2\x80");
  EXPECT_EQ(trim_whitespace("\xc2"), "\xc2");
}

TEST(RelayUrl, SplitsComponents) {
  const auto parts = split_relay_url("WSS://user@Relay.com:8080/a/b?q=1#f");
  ASSERT_TRUE(parts.ok()) << parts.reason();
  EXPECT_EQ(parts->scheme, "WSS");
  EXPECT_EQ(parts->host, "Relay.com");
  EXPECT_EQ(parts->port, "8080");
  EXPECT_EQ(parts->path, "/a/b");
}

TEST(RelayUrl, SplitsBracketedIpv6) {
  const auto parts = split_relay_url("ws://[::1]:80");
  ASSERT_TRUE(parts.ok()) << parts.reason();
  EXPECT_EQ(parts->host, "[::1]");
  EXPECT_EQ(parts->port, "80");
  EXPECT_EQ(parts->path, "");
}

TEST(RelayUrl, SplitRejectsWhatIsNotARelayUrl) {
  EXPECT_EQ(split_relay_url("relay.com").reason(), "missing scheme");
  EXPECT_EQ(split_relay_url(":x").reason(), "missing scheme");
  EXPECT_EQ(split_relay_url("https://relay.com").reason(), "invalid scheme");
  EXPECT_EQ(split_relay_url("wss:relay.com").reason(), "missing host");
  EXPECT_EQ(split_relay_url("wss://user@").reason(), "missing host");
  EXPECT_EQ(split_relay_url("wss://[::1]443").reason(), "invalid host");
  EXPECT_EQ(split_relay_url("wss://relay.com:4a").reason(), "invalid port");
}

TEST(RelayUrl, ConvertsNonAsciiLabelsWithIdna2003) {
  EXPECT_EQ(host_to_ascii("café.com").value(), "xn--caf-dma.com");
  EXPECT_EQ(host_to_ascii("relay.MÜNCHEN.de").value(), "relay.xn--mnchen-3ya.de");
  EXPECT_EQ(host_to_ascii("Straße.de").value(), "strasse.de");  // IDNA 2003 maps sharp s
  EXPECT_EQ(host_to_ascii("Relay.COM").value(), "Relay.COM");
}

TEST(RelayUrl, RejectsUnconvertibleHosts) {
  EXPECT_EQ(host_to_ascii("\xff.com").reason(), "invalid idn host");
  EXPECT_EQ(host_to_ascii("\xc0\xaf.com").reason(), "invalid idn host");                  // overlong '/'
  EXPECT_EQ(host_to_ascii("\xed\xa0\x80.com").reason(), "invalid idn host");              // surrogate
  EXPECT_EQ(host_to_ascii(std::string(70, 'a') + "é.com").reason(), "invalid idn host");  // label > 63
  EXPECT_EQ(host_to_ascii("[é::1]").reason(), "invalid host");
}

TEST(RelayUrl, CleansHosts) {
  EXPECT_EQ(clean_host("Relay.COM.").value(), "relay.com");
  EXPECT_EQ(clean_host("relay%2ecom").value(), "relay.com");
  EXPECT_EQ(clean_host("%52elay.com").value(), "relay.com");
  EXPECT_EQ(clean_host("[2606:4700::1111]").value(), "2606:4700::1111");
}

TEST(RelayUrl, CleanHostRejectsBadSyntaxAndCharacters) {
  for (const char* host : {"", ".", "re lay.com", "relay%20.com", "%20relay.com", "relay.com%09",
                           "relay%5c.com", "[v1.x]", "[::1", "a@b.com", "a:1", "relay<.com", "%zz.com"}) {
    EXPECT_FALSE(clean_host(host).has_value()) << host;
  }
}

TEST(RelayUrl, NormalisesPaths) {
  EXPECT_EQ(normalize_relay_path(""), "");
  EXPECT_EQ(normalize_relay_path("/"), "");
  EXPECT_EQ(normalize_relay_path("//a///b//"), "/a/b");
  EXPECT_EQ(normalize_relay_path("/a/./b/../c/."), "/a/c");
  EXPECT_EQ(normalize_relay_path("/a/b/../../.."), "");
  EXPECT_EQ(normalize_relay_path("/npub1abc:groupName"), "/npub1abc:groupName");
  EXPECT_EQ(normalize_relay_path("/a%3ab/%2fc"), "/a%3Ab/%2Fc");
}

TEST(RelayUrl, DropsPathsWithBadSegments) {
  for (const char* path : {"/café", "/a b", "/a%20b", "/-a", "/a-", "/.hidden", "/a/~", "/%2E%2E", "/a@b",
                           "/a;b", "/100%", "/a,b", "/wss:/x", "/ok/bad!"}) {
    EXPECT_EQ(normalize_relay_path(path), "") << path;
  }
}

TEST(RelayUrl, KeepsPathsWithGoodSegments) {
  for (const char* path : {"/a", "/a-b_c.d~e:f", "/v1/relay", "/A/B/9", "/x%2Dy"}) {
    EXPECT_EQ(normalize_relay_path(path), path) << path;
  }
}

TEST(RelayUrl, ParsesPortDigits) {
  EXPECT_EQ(parse_port_digits("1"), 1U);
  EXPECT_EQ(parse_port_digits("65535"), 65535U);
  EXPECT_EQ(parse_port_digits("000080"), 80U);
  EXPECT_EQ(parse_port_digits("0"), std::nullopt);
  EXPECT_EQ(parse_port_digits("65536"), std::nullopt);
  EXPECT_EQ(parse_port_digits("100000"), std::nullopt);
  EXPECT_EQ(parse_port_digits(""), std::nullopt);
  EXPECT_EQ(parse_port_digits("8a"), std::nullopt);
}

}  // namespace
}  // namespace bigbrotr::models
