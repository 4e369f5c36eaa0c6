#include "services/common/network_transport.hpp"

#include <boost/url/parse.hpp>

#include <chrono>
#include <cstdint>

namespace bigbrotr::services {
namespace {

constexpr std::uint16_t kDefaultSocksPort = 1080;

std::chrono::milliseconds to_milliseconds(double seconds) {
  return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000.0));
}

}  // namespace

models::Result<utils::Socks5Proxy> parse_socks5_url(std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) return models::fail("invalid proxy url: " + parsed.error().message());
  const auto scheme = parsed->scheme();
  if (scheme != "socks5" && scheme != "socks5h")
    return models::fail("invalid proxy url: scheme must be socks5");
  utils::Socks5Proxy proxy;
  proxy.host = parsed->encoded_host_address().decode();
  if (proxy.host.empty()) return models::fail("invalid proxy url: missing host");
  proxy.port = kDefaultSocksPort;
  if (parsed->has_port()) {
    if (parsed->port_number() == 0) return models::fail("invalid proxy url: invalid port");
    proxy.port = parsed->port_number();
  }
  if (parsed->has_userinfo()) {
    proxy.username = parsed->user();
    proxy.password = parsed->password();
  }
  return proxy;
}

models::Result<utils::TransportOptions> transport_for(const core::NetworksConfig& networks,
                                                      models::NetworkType network, bool allow_insecure) {
  if (!networks.is_enabled(network)) return models::fail("network disabled");
  const core::NetworkConfig& settings = networks[network];
  utils::TransportOptions options;
  const auto timeout = to_milliseconds(settings.timeout);
  options.connect_timeout = timeout;
  options.handshake_timeout = timeout;
  options.read_timeout = timeout;
  options.write_timeout = timeout;
  options.allow_insecure = allow_insecure;
  // The local network is enabled only on purpose (networks.local or --allow-local), and
  // reaching its loopback and LAN hosts is its whole point.
  options.allow_local = network == models::NetworkType::local;
  options.dns_server = networks.dns_server.value_or("");
  if (const auto proxy_url = networks.proxy_for(network)) {
    auto proxy = parse_socks5_url(*proxy_url);
    if (!proxy) return proxy.failure();
    options.proxy = std::move(proxy).value();
  }
  return options;
}

void NetworkSkips::add(models::NetworkType network, std::string_view reason) {
  Entry& entry = entries_.at(static_cast<std::size_t>(network));
  ++entry.count;
  entry.reason = reason;
}

std::size_t NetworkSkips::total() const noexcept {
  std::size_t sum = 0;
  for (const Entry& entry : entries_) sum += entry.count;
  return sum;
}

void NetworkSkips::log(const core::Logger& logger) const {
  for (const models::NetworkType network : models::all_network_types()) {
    const Entry& entry = entries_.at(static_cast<std::size_t>(network));
    if (entry.count == 0) continue;
    logger.warning(
        "relays skipped: network unusable",
        {{"network", models::to_string(network)}, {"count", entry.count}, {"reason", entry.reason}});
  }
}

}  // namespace bigbrotr::services
