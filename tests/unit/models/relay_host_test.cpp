#include "models/relay_host.hpp"

#include <gtest/gtest.h>

#include <string>

namespace bigbrotr::models {
namespace {

const std::string kOnionV3(56, 'a');
const std::string kOnionV2(16, '7');
const std::string kBase32Of52(52, 'z');

NetworkType network_of(const std::string& host) { return classify_host(host).network; }

TEST(RelayHost, ClassifiesOnionV3AndV2AsTor) {
  EXPECT_EQ(network_of(kOnionV3 + ".onion"), NetworkType::tor);
  EXPECT_EQ(network_of(kOnionV2 + ".onion"), NetworkType::tor);
}

TEST(RelayHost, AcceptsOnionSubdomains) {
  EXPECT_EQ(network_of("relay." + kOnionV3 + ".onion"), NetworkType::tor);
  EXPECT_EQ(network_of("a.b_c." + kOnionV2 + ".onion"), NetworkType::tor);
}

TEST(RelayHost, RejectsBadOnionNames) {
  EXPECT_EQ(network_of(".onion"), NetworkType::unknown);
  EXPECT_EQ(network_of("onion"), NetworkType::unknown);
  EXPECT_EQ(network_of(std::string(55, 'a') + ".onion"), NetworkType::unknown);
  EXPECT_EQ(network_of(std::string(57, 'a') + ".onion"), NetworkType::unknown);
  EXPECT_EQ(network_of(std::string(55, 'a') + "8.onion"), NetworkType::unknown);
  EXPECT_EQ(network_of("-sub." + kOnionV3 + ".onion"), NetworkType::unknown);
  EXPECT_EQ(network_of("." + kOnionV3 + ".onion"), NetworkType::unknown);
  EXPECT_EQ(network_of(kOnionV3 + ".sub.onion"), NetworkType::unknown);
}

TEST(RelayHost, ClassifiesI2pB32AndHostnames) {
  EXPECT_EQ(network_of(kBase32Of52 + ".b32.i2p"), NetworkType::i2p);
  EXPECT_EQ(network_of("relay.i2p"), NetworkType::i2p);
  EXPECT_EQ(network_of("b32.i2p"), NetworkType::i2p);
}

TEST(RelayHost, RejectsBadI2pNames) {
  EXPECT_EQ(network_of("tooshort.b32.i2p"), NetworkType::unknown);
  EXPECT_EQ(network_of("sub." + kBase32Of52 + ".b32.i2p"), NetworkType::unknown);
  EXPECT_EQ(network_of(".i2p"), NetworkType::unknown);
  EXPECT_EQ(network_of("bad-.i2p"), NetworkType::unknown);
}

TEST(RelayHost, ClassifiesLokiOnlyWithFullKey) {
  EXPECT_EQ(network_of(kBase32Of52 + ".loki"), NetworkType::loki);
  EXPECT_EQ(network_of("relay.loki"), NetworkType::unknown);
  EXPECT_EQ(network_of("a." + kBase32Of52 + ".loki"), NetworkType::unknown);
}

TEST(RelayHost, ClassifiesLocalhostNamesAsLocal) {
  EXPECT_EQ(network_of("localhost"), NetworkType::local);
  EXPECT_EQ(network_of("localhost.localdomain"), NetworkType::local);
  EXPECT_EQ(network_of("relay.localhost"), NetworkType::clearnet);
}

TEST(RelayHost, ClassifiesIpLiteralsByRange) {
  EXPECT_EQ(network_of("192.168.1.1"), NetworkType::local);
  EXPECT_EQ(network_of("1.1.1.1"), NetworkType::clearnet);
  EXPECT_EQ(network_of("fe80::1"), NetworkType::local);
  EXPECT_EQ(network_of("2606:4700::1111"), NetworkType::clearnet);
}

TEST(RelayHost, ReprintsIpv6Canonically) {
  EXPECT_EQ(classify_host("2606:4700:4700:0:0:0:0:1111").host, "2606:4700:4700::1111");
}

TEST(RelayHost, ValidatesHostnames) {
  EXPECT_TRUE(is_valid_hostname("relay.damus.io"));
  EXPECT_TRUE(is_valid_hostname("a_b.c-d.e9"));
  EXPECT_TRUE(is_valid_hostname(std::string(63, 'a') + ".com"));
  EXPECT_FALSE(is_valid_hostname(std::string(64, 'a') + ".com"));
  EXPECT_FALSE(is_valid_hostname("singlehost"));
  EXPECT_FALSE(is_valid_hostname("-a.com"));
  EXPECT_FALSE(is_valid_hostname("a-.com"));
  EXPECT_FALSE(is_valid_hostname("a..com"));
  EXPECT_FALSE(is_valid_hostname("1.2.3.4"));
  EXPECT_FALSE(is_valid_hostname("relay.c*m"));
  EXPECT_FALSE(is_valid_hostname("Relay.com"));
}

TEST(RelayHost, EnforcesHostnameLengthLimit) {
  std::string host;
  while (host.size() < 240) host += std::string(9, 'a') + ".";
  host += "com";  // 243 characters
  EXPECT_TRUE(is_valid_hostname(host));
  EXPECT_TRUE(is_valid_hostname(std::string(253 - host.size(), 'b') + host));
  EXPECT_FALSE(is_valid_hostname(std::string(254 - host.size(), 'b') + host));
}

TEST(RelayHost, ClassifiesGarbageAsUnknown) {
  EXPECT_EQ(network_of(""), NetworkType::unknown);
  EXPECT_EQ(network_of("..."), NetworkType::unknown);
  EXPECT_EQ(network_of("relay com"), NetworkType::unknown);
  EXPECT_EQ(network_of(std::string("a\0b.com", 7)), NetworkType::unknown);
}

}  // namespace
}  // namespace bigbrotr::models
