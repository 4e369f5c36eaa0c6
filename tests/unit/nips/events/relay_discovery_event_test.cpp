#include "nips/events/relay_discovery_event.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "nips/nip11/nip11_response.hpp"
#include "utils/keys.hpp"

namespace bigbrotr::nips {
namespace {

using Tags = models::EventTags;

models::Relay relay() { return models::Relay::parse("wss://relay.example.com").value(); }

CheckResult nip11(const char* body) { return nip11_check_result(parse_nip11(body)); }

RelayChecks full_checks() {
  RelayChecks checks;
  checks.nip11 = nip11(R"({"name": "r", "supported_nips": [50, 1, 29, 95], "tags": ["sfw", "bitcoin"],
    "language_tags": ["en", "EN-us", "pt-BR", "zho", "de"], "attributes": ["Free", ""],
    "limitation": {"min_pow_difficulty": 16, "restricted_writes": true}})");
  checks.rtt = CheckResult::rtt(
      {{"rtt_open", 120}, {"rtt_read", 80}, {"rtt_write", 95}},
      RttLogs{{true, std::nullopt}, PhaseLog{true, std::nullopt}, PhaseLog{true, std::nullopt}});
  checks.ssl = CheckResult::success({{"ssl_valid", true},
                                     {"ssl_expires", 1735689600},
                                     {"ssl_issuer", "Let's Encrypt"},
                                     {"ssl_protocol", "TLSv1.3"}});
  checks.net = CheckResult::success({{"net_ip", "203.0.114.7"},
                                     {"net_ipv6", "2001:db9::1"},
                                     {"net_asn", 13335},
                                     {"net_asn_org", "CLOUDFLARENET"}});
  checks.geo = CheckResult::success({{"geo_hash", "u33dc0cpp"},
                                     {"geo_country", "DE"},
                                     {"geo_city", "Berlin"},
                                     {"geo_lat", 52.52},
                                     {"geo_lon", 13.4},
                                     {"geo_tz", "Europe/Berlin"}});
  checks.dns = CheckResult::success({{"dns_ips", boost::json::array{"203.0.114.7", "203.0.114.8"}},
                                     {"dns_ips_v6", boost::json::array{"2001:db9::1"}},
                                     {"dns_cname", "edge.example.net"},
                                     {"dns_ttl", 300}});
  checks.http = CheckResult::success({{"http_server", "nginx"}, {"http_powered_by", "strfry"}});
  return checks;
}

TEST(RelayDiscoveryEvent, TagsFollowTheSpecOrder) {
  const Tags expected = {
      {"d", "wss://relay.example.com"},
      {"n", "clearnet"},
      {"rtt-open", "120"},
      {"rtt-read", "80"},
      {"rtt-write", "95"},
      {"ssl", "valid"},
      {"ssl-expires", "1735689600"},
      {"ssl-issuer", "Let's Encrypt"},
      {"net-ip", "203.0.114.7"},
      {"net-ipv6", "2001:db9::1"},
      {"net-asn", "13335"},
      {"l", "13335", "IANA-asn"},
      {"net-asn-org", "CLOUDFLARENET"},
      {"l", "CLOUDFLARENET", "IANA-asnOrg"},
      {"g", "u33dc0cpp"},
      {"geo-country", "DE"},
      {"l", "DE", "ISO-3166-1"},
      {"geo-city", "Berlin"},
      {"l", "Berlin", "nip66.label.city"},
      {"geo-lat", "52.52"},
      {"geo-lon", "13.4"},
      {"geo-tz", "Europe/Berlin"},
      {"l", "Europe/Berlin", "IANA-tz"},
      {"dns-ip", "203.0.114.7"},
      {"dns-ip6", "2001:db9::1"},
      {"dns-cname", "edge.example.net"},
      {"dns-ttl", "300"},
      {"http-server", "nginx"},
      {"http-powered-by", "strfry"},
      {"N", "1"},
      {"N", "29"},
      {"N", "50"},
      {"N", "95"},
      {"t", "sfw"},
      {"t", "bitcoin"},
      {"l", "en", "ISO-639-1"},
      {"l", "pt", "ISO-639-1"},
      {"l", "de", "ISO-639-1"},
      {"R", "!auth"},
      {"R", "!payment"},
      {"R", "!writes"},
      {"R", "pow"},
      {"T", "Search"},
      {"T", "Community"},
      {"T", "Blob"},
      {"T", "PublicInbox"},
      {"W", "Free"},
  };
  EXPECT_EQ(relay_discovery_tags(relay(), full_checks()), expected);
}

TEST(RelayDiscoveryEvent, OnlyDAndNWithoutChecks) {
  EXPECT_EQ(relay_discovery_tags(relay(), {}), (Tags{{"d", "wss://relay.example.com"}, {"n", "clearnet"}}));
  EXPECT_EQ(relay_discovery_content({}).value(), "");
}

TEST(RelayDiscoveryEvent, FailedNip11StillGivesAccessTags) {
  RelayChecks checks;
  checks.nip11 = CheckResult::failure("HTTP 404");
  checks.ssl = CheckResult::success({{"ssl_valid", false}});
  const Tags expected = {{"d", "wss://relay.example.com"},
                         {"n", "clearnet"},
                         {"ssl", "!valid"},
                         {"R", "!auth"},
                         {"R", "!payment"},
                         {"R", "!writes"},
                         {"R", "!pow"},
                         {"T", "PublicInbox"}};
  EXPECT_EQ(relay_discovery_tags(relay(), checks), expected);
  EXPECT_EQ(relay_discovery_content(checks).value(), R"({"logs":{"reason":"HTTP 404","success":false}})");
}

TEST(RelayDiscoveryEvent, RttWriteFailureBeatsNip11) {
  RelayChecks checks;
  checks.nip11 = nip11(R"({"limitation": {"auth_required": false, "payment_required": false}})");
  checks.rtt = CheckResult::rtt({{"rtt_open", 5}}, RttLogs{{true, std::nullopt},
                                                           PhaseLog{false, "no events returned"},
                                                           PhaseLog{false, "restricted: Paid relay"}});
  const Tags tags = relay_discovery_tags(relay(), checks);
  const Tags tail(tags.end() - 6, tags.end());
  EXPECT_EQ(tail, (Tags{{"R", "!auth"},
                        {"R", "payment"},
                        {"R", "!writes"},
                        {"R", "!pow"},
                        {"T", "Paid"},
                        {"T", "PublicOutbox"}}));
}

TEST(RelayDiscoveryEvent, ReadAuthMakesPrivateRelays) {
  RelayChecks checks;
  checks.nip11 = nip11(R"({"limitation": {"auth_required": true}})");
  checks.rtt = CheckResult::rtt({}, RttLogs{{true, std::nullopt},
                                            PhaseLog{false, "auth-required: read"},
                                            PhaseLog{false, "auth-required: write"}});
  Tags tags = relay_discovery_tags(relay(), checks);
  EXPECT_EQ(tags.back(), (std::vector<std::string>{"T", "PrivateStorage"}));
  // Write failed for another reason: writes restricted, auth only from NIP-11 (false here).
  checks.nip11 = nip11("{}");
  checks.rtt = CheckResult::rtt({}, RttLogs{{true, std::nullopt},
                                            PhaseLog{false, "auth-required: read"},
                                            PhaseLog{false, "blocked: not on whitelist"}});
  tags = relay_discovery_tags(relay(), checks);
  EXPECT_EQ(tags.back(), (std::vector<std::string>{"T", "PrivateInbox"}));
  EXPECT_EQ(tags[tags.size() - 3], (std::vector<std::string>{"R", "writes"}));
}

TEST(RelayDiscoveryEvent, FreeTextIsNotReadAsADemand) {
  // Only NIP-01 machine prefixes count, as in the status model: "AUTH needed" and
  // "payment failed" are not demands, so the relay is not private, paid or auth-only.
  RelayChecks checks;
  checks.nip11 = nip11("{}");
  checks.rtt = CheckResult::rtt({}, RttLogs{{true, std::nullopt},
                                            PhaseLog{false, "AUTH needed"},
                                            PhaseLog{false, "error: payment failed to parse"}});
  const Tags tags = relay_discovery_tags(relay(), checks);
  EXPECT_EQ(Tags(tags.end() - 5, tags.end()), (Tags{{"R", "!auth"},
                                                    {"R", "!payment"},
                                                    {"R", "!writes"},
                                                    {"R", "!pow"},
                                                    {"T", "PublicInbox"}}));
}

TEST(RelayDiscoveryEvent, NoRttUsesNip11SelfReport) {
  RelayChecks checks;
  checks.nip11 = nip11(
      R"({"limitation": {"auth_required": true, "payment_required": true, "restricted_writes": true}})");
  const Tags tags = relay_discovery_tags(relay(), checks);
  EXPECT_EQ(Tags(tags.end() - 6, tags.end()), (Tags{{"R", "auth"},
                                                    {"R", "payment"},
                                                    {"R", "writes"},
                                                    {"R", "!pow"},
                                                    {"T", "Paid"},
                                                    {"T", "PublicOutbox"}}));
}

TEST(RelayDiscoveryEvent, WildcardLanguageSkipsLabels) {
  RelayChecks checks;
  checks.nip11 = nip11(R"({"language_tags": ["en", "*"]})");
  for (const auto& tag : relay_discovery_tags(relay(), checks)) EXPECT_NE(tag[0], "l");
}

TEST(RelayDiscoveryEvent, ContentIsTheCanonicalNip11Document) {
  RelayChecks checks;
  checks.nip11 = nip11(R"({"name": "r", "supported_nips": [2, 1], "limitation": {}})");
  EXPECT_EQ(relay_discovery_content(checks).value(),
            R"({"data":{"name":"r","supported_nips":[1,2]},"logs":{"success":true}})");
}

TEST(RelayDiscoveryEvent, SignsKind30166) {
  const auto keys = utils::Keys::generate();
  auto event = build_relay_discovery(relay(), full_checks(), 1700000000, keys.secret_key());
  ASSERT_TRUE(event.ok());
  EXPECT_EQ(event->kind(), 30166);
  EXPECT_TRUE(event->verify());
  EXPECT_EQ(event->first_tag_value("d"), "wss://relay.example.com");
}

}  // namespace
}  // namespace bigbrotr::nips
