#include "core/config/networks_config.hpp"

#include <gtest/gtest.h>

#include "core/config/validator_config.hpp"
#include "unit/core/config/config_test_support.hpp"

namespace bigbrotr::core {
namespace {

using models::NetworkType;
using testing::parse;
using testing::parse_error;

NetworksConfig networks_of(const std::string& yaml) { return parse<ValidatorConfig>(yaml).networks; }

TEST(NetworksConfig, DefaultsMatchTheSeed) {
  const NetworksConfig n;
  EXPECT_TRUE(n.clearnet.enabled);
  EXPECT_EQ(n.clearnet.proxy_url, std::nullopt);
  EXPECT_EQ(n.clearnet.max_tasks, 50);
  EXPECT_EQ(n.clearnet.timeout, 10.0);
  EXPECT_FALSE(n.tor.enabled);
  EXPECT_EQ(n.tor.proxy_url, "socks5://127.0.0.1:9050");
  EXPECT_EQ(n.tor.max_tasks, 10);
  EXPECT_EQ(n.tor.timeout, 30.0);
  EXPECT_EQ(n.i2p.proxy_url, "socks5://127.0.0.1:4447");
  EXPECT_EQ(n.i2p.max_tasks, 5);
  EXPECT_EQ(n.i2p.timeout, 45.0);
  EXPECT_EQ(n.loki.proxy_url, "socks5://127.0.0.1:1080");
  EXPECT_EQ(n.loki.timeout, 30.0);
  EXPECT_FALSE(n.local.enabled);
  EXPECT_EQ(n.local.max_tasks, 50);
  EXPECT_EQ(n.enabled(), std::vector<NetworkType>{NetworkType::clearnet});
}

TEST(NetworksConfig, EnabledNetworksComeInFixedOrder) {
  const NetworksConfig n = networks_of(
      "networks: {local: {enabled: true}, loki: {enabled: true}, "
      "tor: {enabled: true}}");
  EXPECT_EQ(n.enabled(), (std::vector<NetworkType>{NetworkType::clearnet, NetworkType::tor, NetworkType::loki,
                                                   NetworkType::local}));
}

TEST(NetworksConfig, ProxyOfADisabledOrDirectNetworkIsNone) {
  NetworksConfig n;
  EXPECT_EQ(n.proxy_for(NetworkType::tor), std::nullopt);
  EXPECT_EQ(n.proxy_for(NetworkType::clearnet), std::nullopt);
  n.tor.enabled = true;
  EXPECT_EQ(n.proxy_for(NetworkType::tor), "socks5://127.0.0.1:9050");
  EXPECT_FALSE(n.is_enabled(NetworkType::unknown));
}

TEST(NetworksConfig, ReadsAllFields) {
  const NetworksConfig n = networks_of(
      "networks:\n  tor: {enabled: true, proxy_url: 'socks5h://tor:9050', max_tasks: 20, timeout: 60}\n");
  EXPECT_TRUE(n.tor.enabled);
  EXPECT_EQ(n.tor.proxy_url, "socks5h://tor:9050");
  EXPECT_EQ(n.tor.max_tasks, 20);
  EXPECT_EQ(n.tor.timeout, 60.0);
}

TEST(NetworksConfig, BoundsAreEnforced) {
  EXPECT_EQ(parse_error<ValidatorConfig>("networks: {i2p: {max_tasks: 0}}").key_path(),
            "networks.i2p.max_tasks");
  EXPECT_EQ(parse_error<ValidatorConfig>("networks: {clearnet: {max_tasks: 201}}").key_path(),
            "networks.clearnet.max_tasks");
  EXPECT_EQ(parse_error<ValidatorConfig>("networks: {loki: {timeout: 0.5}}").rule(),
            "must be between 1 and 120, got 0.5");
}

TEST(NetworksConfig, OverlayProxyMustBeSocks5) {
  const ConfigError e = parse_error<ValidatorConfig>("networks: {tor: {proxy_url: 'http://tor:8118'}}");
  EXPECT_EQ(e.key_path(), "networks.tor.proxy_url");
  EXPECT_EQ(e.rule(), "must be a socks5:// or socks5h:// URL, got 'http://tor:8118'");
}

TEST(NetworksConfig, EnabledOverlayNeedsAProxy) {
  EXPECT_EQ(parse_error<ValidatorConfig>("networks: {tor: {enabled: true, proxy_url: null}}").key_path(),
            "networks.tor.proxy_url");
  EXPECT_NO_THROW(networks_of("networks: {tor: {enabled: false, proxy_url: null}}"));
}

TEST(NetworksConfig, ClearnetIsNeverProxied) {
  EXPECT_EQ(parse_error<ValidatorConfig>("networks: {clearnet: {proxy_url: 'socks5://x:1'}}").key_path(),
            "networks.clearnet.proxy_url");
}

TEST(NetworksConfig, UnknownNetworkIsAnUnknownKey) {
  const ConfigError e = parse_error<ValidatorConfig>("networks: {unknown: {enabled: true}}");
  EXPECT_EQ(e.key_path(), "networks.unknown");
  EXPECT_EQ(e.rule(), "unknown key");
}

TEST(NetworksConfig, WritingTheUnknownNetworkIsAProgrammingError) {
  NetworksConfig n;
  EXPECT_THROW(n[NetworkType::unknown], std::invalid_argument);
}

}  // namespace
}  // namespace bigbrotr::core
