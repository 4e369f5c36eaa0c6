#include "core/config/networks_config.hpp"

#include <array>
#include <stdexcept>
#include <string>

#include "models/ip_literal.hpp"

namespace bigbrotr::core {
namespace {

using models::NetworkType;

constexpr std::array<NetworkType, 5> kConfigurable{NetworkType::clearnet, NetworkType::tor, NetworkType::i2p,
                                                   NetworkType::loki, NetworkType::local};

bool is_socks5_url(const std::string& url) {
  const bool scheme = url.rfind("socks5://", 0) == 0 || url.rfind("socks5h://", 0) == 0;
  return scheme && url.size() > url.find("://") + 3;
}

void read_network(ConfigReader& reader, NetworkType network, NetworkConfig& out) {
  reader.read_bool("enabled", out.enabled);
  reader.read_string("proxy_url", out.proxy_url);
  reader.read_int("max_tasks", out.max_tasks, between(1, 200));
  reader.read_real("timeout", out.timeout, between(1.0, 120.0));
  if (!models::is_overlay(network)) {
    if (out.proxy_url) throw reader.error("proxy_url", "must be null: this network is never proxied");
    return;
  }
  if (out.proxy_url && !is_socks5_url(*out.proxy_url)) {
    throw reader.error("proxy_url", "must be a socks5:// or socks5h:// URL, got '" + *out.proxy_url + "'");
  }
  if (out.enabled && !out.proxy_url)
    throw reader.error("proxy_url", "is required while the network is enabled");
}

// "ip", "ip:port" or "[ipv6]:port", the forms c-ares takes.
bool is_dns_server(const std::string& text) {
  std::string host = text;
  std::string port;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string::npos) return false;
    host = text.substr(1, close - 1);
    if (close + 1 < text.size()) {
      if (text[close + 1] != ':') return false;
      port = text.substr(close + 2);
      if (port.empty()) return false;
    }
  } else if (const auto colon = text.find(':');
             colon != std::string::npos && text.find(':', colon + 1) == std::string::npos) {
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (port.empty()) return false;
  }
  if (!models::parse_ip_literal(host)) return false;
  if (port.empty()) return true;
  if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos) return false;
  const int number = std::stoi(port);
  return number >= 1 && number <= 65535;
}

}  // namespace

template <class Self>
auto* NetworksConfig::find(Self& self, NetworkType network) noexcept {
  switch (network) {
    case NetworkType::clearnet:
      return &self.clearnet;
    case NetworkType::tor:
      return &self.tor;
    case NetworkType::i2p:
      return &self.i2p;
    case NetworkType::loki:
      return &self.loki;
    case NetworkType::local:
      return &self.local;
    case NetworkType::unknown:
      break;
  }
  return static_cast<decltype(&self.clearnet)>(nullptr);
}

const NetworkConfig& NetworksConfig::operator[](NetworkType network) const noexcept {
  static const NetworkConfig kNone{false, std::nullopt, 1, 1.0};
  const NetworkConfig* found = find(*this, network);
  return found ? *found : kNone;
}

NetworkConfig& NetworksConfig::operator[](NetworkType network) {
  NetworkConfig* found = find(*this, network);
  if (!found) throw std::invalid_argument("the unknown network has no settings");
  return *found;
}

bool NetworksConfig::is_enabled(NetworkType network) const noexcept { return (*this)[network].enabled; }

std::optional<std::string> NetworksConfig::proxy_for(NetworkType network) const {
  const NetworkConfig& config = (*this)[network];
  if (!config.enabled || !models::is_overlay(network)) return std::nullopt;
  return config.proxy_url;
}

std::vector<NetworkType> NetworksConfig::enabled() const {
  std::vector<NetworkType> out;
  for (const NetworkType network : kConfigurable) {
    if (is_enabled(network)) out.push_back(network);
  }
  return out;
}

void read_networks(ConfigReader& reader, NetworksConfig& out) {
  reader.section("networks", [&](ConfigReader& networks) {
    networks.read_string("dns_server", out.dns_server);
    if (out.dns_server && !is_dns_server(*out.dns_server))
      throw networks.error(
          "dns_server",
          "must be an IP address with an optional port (\"ip\", \"ip:port\" or \"[ipv6]:port\")");
    for (const NetworkType network : kConfigurable) {
      networks.section(models::to_string(network),
                       [&](ConfigReader& one) { read_network(one, network, out[network]); });
    }
  });
}

}  // namespace bigbrotr::core
