#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/config/config_reader.hpp"
#include "models/enums.hpp"

namespace bigbrotr::core {

// How one network is reached (services.md §0.6).
struct NetworkConfig {
  bool enabled = false;
  // SOCKS5 proxy (socks5:// or socks5h://) for overlay networks; always null for
  // clearnet and local, which are reached directly.
  std::optional<std::string> proxy_url;
  int max_tasks = 10;     // 1..200 relays of this network handled at once
  double timeout = 30.0;  // 1.0..120.0 s for each network operation on a relay
};

// `networks:` of the validator, monitor and synchronizer. `local` (loopback and LAN
// relays) is off unless the operator enables it (networks.local.enabled or
// --allow-local); `unknown` has no settings and is never enabled.
struct NetworksConfig {
  NetworkConfig clearnet{true, std::nullopt, 50, 10.0};
  NetworkConfig tor{false, "socks5://127.0.0.1:9050", 10, 30.0};
  NetworkConfig i2p{false, "socks5://127.0.0.1:4447", 5, 45.0};
  NetworkConfig loki{false, "socks5://127.0.0.1:1080", 5, 30.0};
  NetworkConfig local{false, std::nullopt, 50, 10.0};
  // `networks.dns_server`: the DNS server ("ip" or "ip:port") that resolves the names of
  // clearnet and local relays and URLs; null = the system's (hosts file, then
  // /etc/resolv.conf). Overlay names are never resolved locally.
  std::optional<std::string> dns_server;

  // The settings of `network`; `unknown` yields a disabled entry.
  const NetworkConfig& operator[](models::NetworkType network) const noexcept;
  // Throws std::invalid_argument for `unknown` (a programming error).
  NetworkConfig& operator[](models::NetworkType network);

  bool is_enabled(models::NetworkType network) const noexcept;
  // The proxy to use for `network`: nullopt when disabled or reached directly.
  std::optional<std::string> proxy_for(models::NetworkType network) const;
  // Enabled networks in the order clearnet, tor, i2p, loki, local.
  std::vector<models::NetworkType> enabled() const;

 private:
  // The settings of `network` (const or not, after `self`), nullptr for `unknown`.
  template <class Self>
  static auto* find(Self& self, models::NetworkType network) noexcept;
};

// Reads the `networks` section (if any) of a service file into `out`. Enforces the
// bounds, socks5 proxy URLs for overlays, and a proxy for every enabled overlay.
void read_networks(ConfigReader& reader, NetworksConfig& out);

}  // namespace bigbrotr::core
