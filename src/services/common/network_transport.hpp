#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/config/networks_config.hpp"
#include "core/logging/logger.hpp"
#include "models/enums.hpp"
#include "models/result.hpp"
#include "utils/transport/transport_options.hpp"

// From a service's `networks:` block (services.md §0.6) to the options of one transport
// call on a relay of a given network: the proxy of an overlay, the network timeout for
// every step, the TLS fallback, and the SSRF exemption of the `local` network.
namespace bigbrotr::services {

// Parses "socks5://[user:password@]host[:port]" (or socks5h://, which means the same
// here: the proxy always resolves target names). The port defaults to 1080.
models::Result<utils::Socks5Proxy> parse_socks5_url(std::string_view url);

// The options for reaching a relay of `network`, or a failure whose reason says why the
// network cannot be used ("network disabled", "invalid proxy url: ..."). `unknown` is
// never enabled. Every timeout of the result equals the network's `timeout`.
models::Result<utils::TransportOptions> transport_for(const core::NetworksConfig& networks,
                                                      models::NetworkType network, bool allow_insecure);

// How many relays a cycle left alone because their network cannot be used, per network,
// so each reason is logged once per cycle with its count instead of once per relay.
class NetworkSkips {
 public:
  void add(models::NetworkType network, std::string_view reason);
  std::size_t total() const noexcept;
  // One warning line per network with skips: network, count and the last reason.
  void log(const core::Logger& logger) const;

 private:
  struct Entry {
    std::size_t count = 0;
    std::string reason;
  };
  std::array<Entry, 6> entries_{};  // indexed by NetworkType
};

}  // namespace bigbrotr::services
