#include "services/common/network_transport.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace bigbrotr::services {
namespace {

using models::NetworkType;
using namespace std::chrono_literals;

TEST(ParseSocks5Url, HostPortAndCredentials) {
  const auto plain = parse_socks5_url("socks5://tor:9050");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->host, "tor");
  EXPECT_EQ(plain->port, 9050);
  EXPECT_FALSE(plain->username);
  const auto with_user = parse_socks5_url("socks5h://alice:s%40cret@127.0.0.1:1081");
  ASSERT_TRUE(with_user);
  EXPECT_EQ(with_user->host, "127.0.0.1");
  EXPECT_EQ(with_user->port, 1081);
  EXPECT_EQ(with_user->username, "alice");
  EXPECT_EQ(with_user->password, "s@cret");
  EXPECT_EQ(parse_socks5_url("socks5://proxy")->port, 1080);
}

TEST(ParseSocks5Url, RejectsOtherSchemesAndGarbage) {
  EXPECT_FALSE(parse_socks5_url("http://tor:9050"));
  EXPECT_FALSE(parse_socks5_url("socks5://"));
  EXPECT_FALSE(parse_socks5_url("socks5://tor:0"));
  EXPECT_FALSE(parse_socks5_url("not a url"));
  EXPECT_FALSE(parse_socks5_url(""));
}

TEST(TransportFor, ClearnetIsDirectWithTheNetworkTimeout) {
  core::NetworksConfig networks;
  networks.clearnet.timeout = 2.5;
  const auto options = transport_for(networks, NetworkType::clearnet, true);
  ASSERT_TRUE(options);
  EXPECT_FALSE(options->proxy);
  EXPECT_EQ(options->connect_timeout, 2500ms);
  EXPECT_EQ(options->read_timeout, 2500ms);
  EXPECT_EQ(options->handshake_timeout, 2500ms);
  EXPECT_EQ(options->write_timeout, 2500ms);
  EXPECT_TRUE(options->allow_insecure);
  EXPECT_FALSE(options->allow_local);
}

TEST(TransportFor, OverlaysGoThroughTheirProxy) {
  core::NetworksConfig networks;
  networks.tor.enabled = true;
  networks.tor.proxy_url = "socks5://127.0.0.1:9150";
  const auto options = transport_for(networks, NetworkType::tor, false);
  ASSERT_TRUE(options);
  ASSERT_TRUE(options->proxy);
  EXPECT_EQ(options->proxy->port, 9150);
  EXPECT_EQ(options->read_timeout, 30000ms);
}

TEST(TransportFor, LocalNetworkMayReachLocalAddresses) {
  core::NetworksConfig networks;
  networks.local.enabled = true;
  const auto options = transport_for(networks, NetworkType::local, false);
  ASSERT_TRUE(options);
  EXPECT_TRUE(options->allow_local);
}

TEST(TransportFor, DisabledAndMisconfiguredNetworksAreReasons) {
  core::NetworksConfig networks;
  EXPECT_EQ(transport_for(networks, NetworkType::tor, false).reason(), "network disabled");
  EXPECT_EQ(transport_for(networks, NetworkType::unknown, false).reason(), "network disabled");
  networks.i2p.enabled = true;
  networks.i2p.proxy_url = "socks5://";
  EXPECT_TRUE(transport_for(networks, NetworkType::i2p, false).reason().starts_with("invalid proxy url"));
}

TEST(NetworkSkips, CountsPerNetworkAndLogsOnce) {
  NetworkSkips skips;
  skips.add(NetworkType::tor, "network disabled");
  skips.add(NetworkType::tor, "network disabled");
  skips.add(NetworkType::i2p, "invalid proxy url: missing host");
  EXPECT_EQ(skips.total(), 3U);
  std::ostringstream out;
  core::Logger logger("test", core::LogLevel::debug, core::LogFormat::text, out);
  skips.log(logger);
  const std::string text = out.str();
  EXPECT_NE(text.find("network=tor count=2"), std::string::npos) << text;
  EXPECT_NE(text.find("network=i2p count=1"), std::string::npos) << text;
}

}  // namespace
}  // namespace bigbrotr::services
