#include "models/relay.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace bigbrotr::models {
namespace {

const std::string kTorV3 = "ujzdegxdncf32epf3dhodzdocis2jhtlgmxgedn73u55xtplpft7v4se";
const std::string kTorV2 = "h2kvj72ceuvw75ef";
const std::string kI2pB32 = "r6edt4sywb5wkh7dnsipzz7fk4zri3r2wyojfljooa7lqsaj2xui";
const std::string kLoki = "d5zzzzg6zdmen4khvdgajgxbenyjqwx6hh7566tfjgvq6kbnxjbt";

std::string upper(std::string text) {
  for (char& c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return text;
}

// One row of the canonicalisation table: the input, and either the canonical URL with
// its network or the rejection reason.
struct ParseCase {
  std::string name;
  std::string input;
  bool valid;
  std::string expected;  // canonical URL when valid, else the reason
  NetworkType network = NetworkType::unknown;
  bool allow_local = false;
};

ParseCase valid(std::string name, std::string input, std::string url, NetworkType network) {
  return {std::move(name), std::move(input), true, std::move(url), network};
}

ParseCase valid_local(std::string name, std::string input, std::string url) {
  return {std::move(name), std::move(input), true, std::move(url), NetworkType::local, true};
}

ParseCase invalid(std::string name, std::string input, std::string reason) {
  return {std::move(name), std::move(input), false, std::move(reason)};
}

constexpr auto kClear = NetworkType::clearnet;
constexpr auto kTor = NetworkType::tor;
constexpr auto kI2p = NetworkType::i2p;
constexpr auto kLokiNet = NetworkType::loki;

std::vector<ParseCase> clearnet_cases() {
  return {
      valid("PlainWss", "wss://relay.damus.io", "wss://relay.damus.io", kClear),
      valid("WsForcedToWss", "ws://relay.damus.io", "wss://relay.damus.io", kClear),
      valid("UppercaseLowered", "WSS://Relay.Damus.IO", "wss://relay.damus.io", kClear),
      valid("SurroundingWhitespaceTrimmed", "  \t wss://nos.lol \r\n", "wss://nos.lol", kClear),
      valid("UnicodeWhitespaceTrimmed", "\u00a0\u3000wss://nos.lol\u2003", "wss://nos.lol", kClear),
      valid("TrailingSlashStripped", "wss://relay.damus.io/", "wss://relay.damus.io", kClear),
      valid("ManyTrailingSlashesStripped", "wss://relay.damus.io///", "wss://relay.damus.io", kClear),
      valid("RepeatedSlashesCollapsed", "wss://relay.example.com//a//b//", "wss://relay.example.com/a/b",
            kClear),
      valid("DefaultWssPortDropped", "wss://relay.example.com:443", "wss://relay.example.com", kClear),
      valid("DefaultPortDroppedAfterForcedScheme", "ws://Relay.Example.Com:443/x",
            "wss://relay.example.com/x", kClear),
      valid("NonDefaultPortKept", "wss://relay.example.com:8080", "wss://relay.example.com:8080", kClear),
      valid("WsDefaultPortKeptUnderWss", "ws://relay.example.com:80", "wss://relay.example.com:80", kClear),
      valid("PortLeadingZerosNormalised", "wss://relay.example.com:00443", "wss://relay.example.com", kClear),
      valid("PortLeadingZerosNonDefault", "wss://relay.example.com:08080", "wss://relay.example.com:8080",
            kClear),
      valid("HighestPortKept", "wss://relay.example.com:65535", "wss://relay.example.com:65535", kClear),
      valid("EmptyPortIgnored", "wss://relay.example.com:", "wss://relay.example.com", kClear),
      valid("QueryAndFragmentDropped", "wss://relay.example.com/v1?key=val#top", "wss://relay.example.com/v1",
            kClear),
      valid("BareQueryDropped", "wss://relay.example.com?x=1", "wss://relay.example.com", kClear),
      valid("BareFragmentDropped", "wss://relay.example.com#frag", "wss://relay.example.com", kClear),
      valid("UserinfoDropped", "wss://user:pass@relay.example.com", "wss://relay.example.com", kClear),
      valid("ColonPathKept", "wss://relay.example.com/npub1abc:groupName",
            "wss://relay.example.com/npub1abc:groupName", kClear),
      valid("NestedPathKept", "wss://relay.example.com/nostrclient/api/v1/relay",
            "wss://relay.example.com/nostrclient/api/v1/relay", kClear),
      valid("NonAsciiPathDropped", "wss://relay.com/café", "wss://relay.com", kClear),
      valid("PathWithSpaceDropped", "wss://relay.com/a b", "wss://relay.com", kClear),
      valid("PathSegmentStartingWithDashDropped", "wss://relay.com/ok/-bad", "wss://relay.com", kClear),
      valid("PathSegmentEndingWithTildeDropped", "wss://relay.com/user~", "wss://relay.com", kClear),
      valid("PercentEscapesUppercased", "wss://relay.com/a%3ab", "wss://relay.com/a%3Ab", kClear),
      valid("PercentEncodedUnreservedKeptEncoded", "wss://relay.com/%61bc", "wss://relay.com/%61bc", kClear),
      valid("EncodedSlashSplitsSegments", "wss://relay.com/a%2fb", "wss://relay.com/a%2Fb", kClear),
      valid("EncodedNonAsciiPathDropped", "wss://relay.com/caf%C3%A9", "wss://relay.com", kClear),
      valid("StrayPercentPathDropped", "wss://relay.com/100%", "wss://relay.com", kClear),
      valid("DotSegmentsResolved", "wss://relay.com/a/./b/../c", "wss://relay.com/a/c", kClear),
      valid("DotDotAboveRootResolved", "wss://relay.com/../x", "wss://relay.com/x", kClear),
      valid("EmbeddedSchemeInPathDropped", "wss://relay.com/wss://other.com", "wss://relay.com", kClear),
      valid("IdnHostPunycoded", "wss://café.com", "wss://xn--caf-dma.com", kClear),
      valid("IdnLabelAmongAsciiLabels", "wss://Relay.Bücher.de/x", "wss://relay.xn--bcher-kva.de/x", kClear),
      valid("IdnSymbolPunycoded", "wss://☃.net", "wss://xn--n3h.net", kClear),
      valid("PunycodeKeptAsIs", "wss://xn--caf-dma.com", "wss://xn--caf-dma.com", kClear),
      valid("TrailingDotDropped", "wss://relay.com.", "wss://relay.com", kClear),
      valid("TrailingDotsAndSlashDropped", "wss://relay.com../", "wss://relay.com", kClear),
      valid("UnderscoreLabelAccepted", "wss://relay_1.example.com", "wss://relay_1.example.com", kClear),
      valid("PercentEncodedHostDecoded", "wss://relay%2Eexample.com", "wss://relay.example.com", kClear),
      valid("Ipv4LookalikeHostnameAccepted", "wss://8.8.8.8fe80", "wss://8.8.8.8fe80", kClear),
      valid("PublicIpv4", "wss://8.8.8.8", "wss://8.8.8.8", kClear),
      valid("PublicIpv4WithPort", "ws://8.8.8.8:7777", "wss://8.8.8.8:7777", kClear),
      valid("Ipv4NextToPrivateRange", "wss://172.32.0.1", "wss://172.32.0.1", kClear),
      valid("Ipv6FullFormCompressed", "wss://[2606:4700:4700:0000:0000:0000:0000:1111]",
            "wss://[2606:4700:4700::1111]", kClear),
      valid("Ipv6WithPortAndPath", "ws://[2606:4700:4700::1111]:8080/x",
            "wss://[2606:4700:4700::1111]:8080/x", kClear),
      valid("Ipv6UppercaseLowered", "wss://[2A00:1450:4001:0:0:0:0:0]", "wss://[2a00:1450:4001::]", kClear),
      valid("Ipv6FirstLongestZeroRunCompressed", "wss://[2606:0:0:1:0:0:0:1]", "wss://[2606:0:0:1::1]",
            kClear),
      valid("Ipv6TieCompressesFirstRun", "wss://[2606:db9:0:0:1:0:0:1]", "wss://[2606:db9::1:0:0:1]", kClear),
      valid("Ipv6SingleZeroGroupNotCompressed", "wss://[2606:1:2:3:0:5:6:7]", "wss://[2606:1:2:3:0:5:6:7]",
            kClear),
  };
}

std::vector<ParseCase> overlay_cases() {
  return {
      valid("TorV3ForcedToWs", "wss://" + kTorV3 + ".onion", "ws://" + kTorV3 + ".onion", kTor),
      valid("TorV3UppercaseLowered", "WSS://" + upper(kTorV3) + ".ONION/", "ws://" + kTorV3 + ".onion", kTor),
      valid("TorV2Accepted", "ws://" + kTorV2 + ".onion", "ws://" + kTorV2 + ".onion", kTor),
      valid("TorSubdomainAccepted", "wss://relay." + kTorV3 + ".onion/inbox",
            "ws://relay." + kTorV3 + ".onion/inbox", kTor),
      valid("TorDefaultWsPortDropped", "ws://" + kTorV3 + ".onion:80", "ws://" + kTorV3 + ".onion", kTor),
      valid("TorPort443KeptUnderWs", "wss://" + kTorV3 + ".onion:443", "ws://" + kTorV3 + ".onion:443", kTor),
      valid("I2pB32Accepted", "wss://" + kI2pB32 + ".b32.i2p", "ws://" + kI2pB32 + ".b32.i2p", kI2p),
      valid("I2pHostnameAccepted", "wss://relay.i2p", "ws://relay.i2p", kI2p),
      valid("I2pSubdomainHostnameAccepted", "ws://nostr.relay.i2p/", "ws://nostr.relay.i2p", kI2p),
      valid("LokiAccepted", "wss://" + kLoki + ".loki", "ws://" + kLoki + ".loki", kLokiNet),
      invalid("TorTooShortRejected", "wss://tooshort.onion", "invalid host"),
      invalid("TorV3WithNonBase32Rejected", "wss://" + kTorV3.substr(1) + "1.onion", "invalid host"),
      invalid("TorV3OneShortRejected", "wss://" + kTorV3.substr(1) + ".onion", "invalid host"),
      invalid("BareOnionSuffixRejected", "wss://.onion", "invalid host"),
      invalid("TorBadSubdomainRejected", "wss://-x." + kTorV3 + ".onion", "invalid host"),
      invalid("I2pTooShortB32Rejected", "wss://tooshort.b32.i2p", "invalid host"),
      invalid("I2pB32WithNonBase32Rejected", "wss://" + kI2pB32.substr(1) + "8.b32.i2p", "invalid host"),
      invalid("I2pBadHostnameRejected", "wss://-bad.i2p", "invalid host"),
      invalid("LokiWrongLengthRejected", "wss://" + kLoki.substr(1) + ".loki", "invalid host"),
      invalid("LokiSubdomainRejected", "wss://a." + kLoki + ".loki", "invalid host"),
  };
}

std::vector<ParseCase> local_cases() {
  return {
      invalid("LoopbackIpv4Rejected", "wss://127.0.0.1", "local addresses not allowed"),
      invalid("LocalhostRejected", "ws://localhost:7777", "local addresses not allowed"),
      invalid("LocalhostLocaldomainRejected", "wss://localhost.localdomain", "local addresses not allowed"),
      invalid("PrivateIpv4TenRejected", "wss://10.1.2.3", "local addresses not allowed"),
      invalid("PrivateIpv4172Rejected", "wss://172.16.0.1", "local addresses not allowed"),
      invalid("PrivateIpv4192Rejected", "wss://192.168.1.1:8080", "local addresses not allowed"),
      invalid("LinkLocalIpv4Rejected", "wss://169.254.1.1", "local addresses not allowed"),
      invalid("CarrierNatIpv4Rejected", "wss://100.64.0.1", "local addresses not allowed"),
      invalid("ZeroIpv4Rejected", "wss://0.0.0.0", "local addresses not allowed"),
      invalid("MulticastIpv4Rejected", "wss://224.0.0.1", "local addresses not allowed"),
      invalid("BroadcastIpv4Rejected", "wss://255.255.255.255", "local addresses not allowed"),
      invalid("BenchmarkIpv4Rejected", "wss://198.19.255.255", "local addresses not allowed"),
      invalid("DocumentationIpv4Rejected", "wss://203.0.113.5", "local addresses not allowed"),
      invalid("PercentEncodedLoopbackRejected", "wss://%31%32%37.0.0.1", "local addresses not allowed"),
      invalid("LoopbackIpv6Rejected", "wss://[::1]", "local addresses not allowed"),
      invalid("UnspecifiedIpv6Rejected", "wss://[::]", "local addresses not allowed"),
      invalid("LinkLocalIpv6Rejected", "wss://[fe80::1]", "local addresses not allowed"),
      invalid("UniqueLocalIpv6Rejected", "wss://[fd00::1]", "local addresses not allowed"),
      invalid("DocumentationIpv6Rejected", "wss://[2001:db8::1]", "local addresses not allowed"),
      invalid("MappedIpv4Rejected", "wss://[::ffff:1.2.3.4]", "local addresses not allowed"),
      invalid("Nat64Rejected", "wss://[64:ff9b::1.2.3.4]", "local addresses not allowed"),
      invalid("MulticastIpv6Rejected", "wss://[ff02::1]", "local addresses not allowed"),
      valid_local("AllowedLocalKeepsWsAndPort", "ws://127.0.0.1:7777", "ws://127.0.0.1:7777"),
      valid_local("AllowedLocalDropsItsDefaultPort", "wss://localhost:443", "wss://localhost"),
      valid_local("AllowedLocalWsDropsPort80", "ws://LOCALHOST:80/relay/", "ws://localhost/relay"),
      valid_local("AllowedLocalKeepsWssPort80", "wss://localhost:80", "wss://localhost:80"),
      valid_local("AllowedLocalIpv6", "WS://[0:0::1]:8080", "ws://[::1]:8080"),
      valid_local("AllowedMappedIpv4MixedNotation", "ws://[::FFFF:7f00:1]", "ws://[::ffff:127.0.0.1]"),
      valid_local("AllowedPrivateLan", "ws://192.168.1.10:4848", "ws://192.168.1.10:4848"),
      {"AllowLocalStillForcesClearnetWss", "ws://relay.com", true, "wss://relay.com", kClear, true},
  };
}

std::vector<ParseCase> invalid_cases() {
  return {
      invalid("EmptyRejected", "", "empty url"),
      invalid("BlankRejected", " \t\n ", "empty url"),
      invalid("HttpsRejected", "https://relay.com", "invalid scheme"),
      invalid("HttpRejected", "http://relay.com", "invalid scheme"),
      invalid("FtpRejected", "ftp://relay.com", "invalid scheme"),
      invalid("HostWithPortAsSchemeRejected", "relay.damus.io:443", "invalid scheme"),
      invalid("SchemelessRejected", "relay.damus.io", "missing scheme"),
      invalid("SchemeWithoutColonRejected", "wss//relay.com", "missing scheme"),
      invalid("PunctuationRejected", "!!!", "missing scheme"),
      invalid("SingleSlashRejected", "wss:/relay.com", "missing host"),
      invalid("SchemeOnlyRejected", "wss://", "missing host"),
      invalid("PortOnlyRejected", "wss://:443", "missing host"),
      invalid("TripleSlashRejected", "wss:///relay.com", "missing host"),
      invalid("SingleLabelHostRejected", "wss://singlehost", "invalid host"),
      invalid("UnderscoreSingleLabelRejected", "wss://invalid_host", "invalid host"),
      invalid("LabelStartingWithDashRejected", "wss://-bad.com", "invalid host"),
      invalid("LabelEndingWithDashRejected", "wss://bad-.com", "invalid host"),
      invalid("NumericTopLabelRejected", "wss://relay.123", "invalid host"),
      invalid("LeadingZeroIpv4IsNotAnIp", "wss://010.0.0.1", "invalid host"),
      invalid("OutOfRangeIpv4Rejected", "wss://256.1.1.1", "invalid host"),
      invalid("EmptyLabelRejected", "wss://a..b.com", "invalid host"),
      invalid("LongLabelRejected", "wss://" + std::string(64, 'a') + ".com", "invalid host"),
      invalid("LongHostnameRejected", "wss://" + std::string(250, 'a') + ".com", "invalid host"),
      invalid("DotOnlyHostRejected", "wss://.", "invalid host"),
      invalid("EncodedSpaceInHostRejected", "wss://relay%20.com", "invalid host"),
      invalid("EncodedNulInHostRejected", "wss://relay.com%00", "invalid host"),
      invalid("EncodedBackslashInHostRejected", "wss://relay%5C.com", "invalid host"),
      invalid("BackslashRejected", "wss://relay.com\\path", "invalid host"),
      invalid("CommaJoinedUrlsRejected", "wss://relay.com,wss://other.com", "invalid host"),
      invalid("SpaceJoinedUrlsRejected", "wss://relay.com wss://other.com", "invalid host"),
      invalid("DoubledSchemeRejected", "wss://wss://relay.com", "invalid host"),
      invalid("UnclosedBracketRejected", "wss://[::1", "invalid host"),
      invalid("TextAfterBracketRejected", "wss://[2606:4700::1111]x", "invalid host"),
      invalid("IpvFutureRejected", "wss://[v1.fe]", "invalid host"),
      invalid("ZoneIdRejected", "wss://[fe80::1%25eth0]", "invalid host"),
      invalid("BracketedIpv4Rejected", "wss://[8.8.8.8]", "invalid host"),
      invalid("InvalidUtf8HostRejected", "wss://\xff\xfe.com", "invalid idn host"),
      invalid("PortZeroRejected", "wss://relay.com:0", "invalid port"),
      invalid("Port65536Rejected", "wss://relay.com:65536", "invalid port"),
      invalid("HugePortRejected", "wss://relay.com:99999999999999999999", "invalid port"),
      invalid("AlphabeticPortRejected", "wss://relay.com:abc", "invalid port"),
      invalid("NegativePortRejected", "wss://relay.com:-1", "invalid port"),
      invalid("DoublePortRejected", "wss://relay.com:443:80", "invalid port"),
      invalid("NulAtEndRejected", std::string("wss://relay.com\0", 16), "url contains null byte"),
      invalid("NulInsideRejected", std::string("wss://rel\0ay.com", 16), "url contains null byte"),
      invalid("TabInsideRejected", "wss://relay.com/a\tb", "url contains control characters"),
      invalid("DeleteCharacterRejected", "wss://relay.com\x7f", "url contains control characters"),
      invalid("EscapeCharacterRejected", "wss://relay.com/\x1b[31m", "url contains control characters"),
      invalid("BracketInPathRejected", "wss://relay.com/[x]", "invalid path"),
      invalid("NonAsciiUserinfoRejected", "wss://é@relay.com", "invalid userinfo"),
      invalid("DoubleAtUserinfoRejected", "wss://a@b@relay.com", "invalid userinfo"),
      invalid("TooLongRejected", "wss://relay.com/" + std::string(2100, 'a'), "url too long"),
  };
}

std::vector<ParseCase> all_cases() {
  std::vector<ParseCase> cases;
  for (auto group : {clearnet_cases(), overlay_cases(), local_cases(), invalid_cases()}) {
    cases.insert(cases.end(), group.begin(), group.end());
  }
  return cases;
}

class RelayParseTable : public ::testing::TestWithParam<ParseCase> {};

TEST_P(RelayParseTable, CanonicalisesOrRejects) {
  const ParseCase& c = GetParam();
  const auto relay = Relay::parse(c.input, RelayParseOptions{.allow_local = c.allow_local}, 1700000000);
  if (!c.valid) {
    ASSERT_FALSE(relay.ok()) << "accepted as " << relay->url();
    EXPECT_EQ(relay.reason(), c.expected);
    return;
  }
  ASSERT_TRUE(relay.ok()) << relay.reason();
  EXPECT_EQ(relay->url(), c.expected);
  EXPECT_EQ(relay->network(), c.network) << to_string(relay->network());
  EXPECT_EQ(relay->discovered_at(), 1700000000);
  // A canonical URL is a fixed point.
  const auto again = Relay::parse(relay->url(), RelayParseOptions{.allow_local = c.allow_local});
  ASSERT_TRUE(again.ok()) << again.reason();
  EXPECT_EQ(again->url(), relay->url());
}

INSTANTIATE_TEST_SUITE_P(Relay, RelayParseTable, ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<ParseCase>& info) { return info.param.name; });

TEST(Relay, TableHasAtLeastSixtyCases) { EXPECT_GE(all_cases().size(), 60U); }

TEST(Relay, ExposesComponentsOfClearnetUrl) {
  const auto relay = Relay::parse("ws://Relay.Example.Com:8443/nostr/", {}, 42);
  ASSERT_TRUE(relay.ok()) << relay.reason();
  EXPECT_EQ(relay->url(), "wss://relay.example.com:8443/nostr");
  EXPECT_EQ(relay->scheme(), "wss");
  EXPECT_EQ(relay->host(), "relay.example.com");
  EXPECT_EQ(relay->port(), std::optional<std::uint16_t>(8443));
  EXPECT_EQ(relay->path(), "/nostr");
  EXPECT_EQ(relay->network(), NetworkType::clearnet);
  EXPECT_EQ(relay->discovered_at(), 42);
}

TEST(Relay, DefaultPortAndEmptyPathAreAbsent) {
  const auto relay = Relay::parse("wss://relay.example.com:443/");
  ASSERT_TRUE(relay.ok()) << relay.reason();
  EXPECT_EQ(relay->port(), std::nullopt);
  EXPECT_EQ(relay->path(), "");
}

TEST(Relay, Ipv6HostHasNoBrackets) {
  const auto relay = Relay::parse("wss://[2606:4700:4700::1111]:7000");
  ASSERT_TRUE(relay.ok()) << relay.reason();
  EXPECT_EQ(relay->host(), "2606:4700:4700::1111");
  EXPECT_EQ(relay->url(), "wss://[2606:4700:4700::1111]:7000");
}

TEST(Relay, OverlaySchemeIsWs) {
  const auto relay = Relay::parse("wss://" + kTorV3 + ".onion");
  ASSERT_TRUE(relay.ok()) << relay.reason();
  EXPECT_EQ(relay->scheme(), "ws");
  EXPECT_EQ(relay->port(), std::nullopt);
}

TEST(Relay, AllowedLocalKeepsInputScheme) {
  const auto relay = Relay::parse("wss://127.0.0.1:7777", {.allow_local = true});
  ASSERT_TRUE(relay.ok()) << relay.reason();
  EXPECT_EQ(relay->scheme(), "wss");
  EXPECT_EQ(relay->network(), NetworkType::local);
  EXPECT_EQ(relay->port(), std::optional<std::uint16_t>(7777));
}

TEST(Relay, DiscoveredAtDefaultsToNow) {
  const std::int64_t before = unix_now();
  const auto relay = Relay::parse("wss://relay.example.com");
  ASSERT_TRUE(relay.ok());
  EXPECT_GE(relay->discovered_at(), before);
  EXPECT_LE(relay->discovered_at(), unix_now());
}

TEST(Relay, RejectsNegativeDiscoveredAt) {
  const auto relay = Relay::parse("wss://relay.example.com", {}, -1);
  ASSERT_FALSE(relay.ok());
  EXPECT_EQ(relay.reason(), "invalid discovered_at");
}

TEST(Relay, EqualityIsByUrl) {
  const auto a = Relay::parse("wss://relay.example.com", {}, 1);
  const auto b = Relay::parse("ws://RELAY.example.com:443/", {}, 2);
  const auto c = Relay::parse("wss://other.example.com", {}, 1);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_TRUE(*a == *b);
  EXPECT_FALSE(*a == *c);
}

TEST(Relay, FromCanonicalAcceptsCanonicalUrl) {
  const auto relay = Relay::from_canonical("wss://relay.example.com/path");
  ASSERT_TRUE(relay.ok()) << relay.reason();
  EXPECT_EQ(relay->url(), "wss://relay.example.com/path");
}

TEST(Relay, FromCanonicalRejectsRewritableUrl) {
  const auto relay = Relay::from_canonical("ws://relay.example.com/path/");
  ASSERT_FALSE(relay.ok());
  EXPECT_EQ(relay.reason(), "url is not canonical");
}

TEST(Relay, FromCanonicalKeepsParseReason) {
  const auto relay = Relay::from_canonical("https://relay.example.com");
  ASSERT_FALSE(relay.ok());
  EXPECT_EQ(relay.reason(), "invalid scheme");
}

TEST(Relay, AcceptsUrlOfExactlyMaximumLength) {
  const std::string prefix = "wss://relay.com/";
  const auto relay = Relay::parse(prefix + std::string(2048 - prefix.size(), 'a'));
  ASSERT_TRUE(relay.ok()) << relay.reason();
  EXPECT_EQ(relay->url().size(), 2048U);
  EXPECT_EQ(Relay::parse(prefix + std::string(2049 - prefix.size(), 'a')).reason(), "url too long");
}

TEST(Relay, LongQueryDoesNotCountTowardsLength) {
  const auto relay = Relay::parse("wss://relay.com/x?" + std::string(5000, 'q'));
  ASSERT_TRUE(relay.ok()) << relay.reason();
  EXPECT_EQ(relay->url(), "wss://relay.com/x");
}

TEST(Relay, HugeInputIsRejectedWithoutCrashing) {
  const auto relay = Relay::parse("wss://relay.com/" + std::string(1 << 20, 'a'));
  ASSERT_FALSE(relay.ok());
  EXPECT_EQ(relay.reason(), "url too long");
  EXPECT_FALSE(Relay::parse("wss://" + std::string(1 << 20, 'a')).ok());
  EXPECT_FALSE(Relay::parse("wss://" + std::string(1 << 20, '\xc3')).ok());
}

TEST(Relay, IsCopyableValue) {
  const auto parsed = Relay::parse("wss://relay.example.com");
  ASSERT_TRUE(parsed.ok());
  Relay copy = *parsed;
  EXPECT_EQ(copy, *parsed);
  EXPECT_EQ(copy.url(), "wss://relay.example.com");
}

// --- Hostile inputs ---------------------------------------------------------------

// What must hold for whatever parse accepts: a canonical URL within the length cap, a
// scheme fixed by the network, no unknown network, local only when allowed, and the
// canonical URL as a fixed point.
void expect_invariants(const std::string& input, const RelayParseOptions& options) {
  const auto relay = Relay::parse(input, options, 0);
  if (!relay.ok()) {
    EXPECT_FALSE(relay.reason().empty());
    return;
  }
  SCOPED_TRACE(::testing::PrintToString(input));
  EXPECT_LE(relay->url().size(), 2048U);
  EXPECT_NE(relay->network(), NetworkType::unknown);
  if (!options.allow_local) {
    EXPECT_NE(relay->network(), NetworkType::local);
  }
  if (relay->network() == NetworkType::clearnet) {
    EXPECT_EQ(relay->scheme(), "wss");
  }
  if (is_overlay(relay->network())) {
    EXPECT_EQ(relay->scheme(), "ws");
  }
  EXPECT_EQ(relay->url().find_first_of(std::string_view("?# \0\t\r\n", 7)), std::string::npos);
  const auto again = Relay::parse(relay->url(), options, 0);
  ASSERT_TRUE(again.ok()) << again.reason();
  EXPECT_EQ(again->url(), relay->url());
  EXPECT_EQ(again->host(), relay->host());
  EXPECT_EQ(again->port(), relay->port());
  EXPECT_EQ(again->path(), relay->path());
}

void expect_invariants_both_ways(const std::string& input) {
  expect_invariants(input, {});
  expect_invariants(input, {.allow_local = true});
}

TEST(RelayHostile, RandomBytesNeverCrash) {
  std::mt19937 random(20240601);
  std::uniform_int_distribution<int> length(0, 80);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int i = 0; i < 20000; ++i) {
    std::string input(static_cast<std::size_t>(length(random)), '\0');
    for (char& c : input) c = static_cast<char>(byte(random));
    if (i % 2 == 0) input = (i % 4 == 0 ? "wss://" : "ws://") + input;
    expect_invariants_both_ways(input);
  }
}

TEST(RelayHostile, UrlShapedTokenSoupNeverCrashes) {
  const std::vector<std::string> tokens = {
      "wss://", "ws://", "WSS://", "[",    "]",     ":",    "::",   "%",         "%2e",   "%2F", "%00",
      "%41",    ".",     "..",     "/",    "//",    "@",    "?",    "#",         "-",     "_",   "~",
      "onion",  "i2p",   "b32",    "loki", "xn--",  "é",    "☃",    "\xff",      "\xc3",  "0",   "1",
      "127",    "255",   "443",    "80",   "65536", "ffff", "fe80", "localhost", "relay", "com", kTorV3,
      kI2pB32,  kLoki,   " ",      "\t",   "\\",    "a",    "Z",    "9"};
  std::mt19937 random(7);
  std::uniform_int_distribution<std::size_t> pick(0, tokens.size() - 1);
  std::uniform_int_distribution<int> count(1, 14);
  for (int i = 0; i < 20000; ++i) {
    std::string input = i % 3 == 0 ? "" : tokens[i % 2];
    for (int k = count(random); k > 0; --k) input += tokens[pick(random)];
    expect_invariants_both_ways(input);
  }
}

TEST(RelayHostile, MutatedValidUrlsNeverCrash) {
  const std::vector<std::string> seeds = {
      "wss://relay.damus.io/path/to:x", "ws://[2606:4700:4700::1111]:8080/x",
      "wss://" + kTorV3 + ".onion",     "wss://" + kI2pB32 + ".b32.i2p",
      "ws://127.0.0.1:7777/a",          "wss://café.com:443/?q#f"};
  std::mt19937 random(99);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int i = 0; i < 20000; ++i) {
    std::string input = seeds[static_cast<std::size_t>(i) % seeds.size()];
    std::uniform_int_distribution<std::size_t> position(0, input.size() - 1);
    for (int k = 1 + i % 3; k > 0; --k) input[position(random)] = static_cast<char>(byte(random));
    expect_invariants_both_ways(input);
  }
}

}  // namespace
}  // namespace bigbrotr::models
