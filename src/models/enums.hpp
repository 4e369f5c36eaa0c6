#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

// The enumerations of the seed. Each value is spelled in code exactly as it is stored in
// the database, used as a metric label and written in NIP-66 tags, so one spelling
// travels through the whole system (to_string / parse_* convert between them).
namespace bigbrotr::models {

// Where a relay lives. `local` and `unknown` are never stored as relays: `local` is only
// accepted when the operator allows it (tests, LAN), `unknown` is always rejected.
enum class NetworkType : std::uint8_t { clearnet, tor, i2p, loki, local, unknown };

// The kind of a stored check document (one row family in `metadata`).
enum class MetadataType : std::uint8_t {
  nip11_info,
  nip66_rtt,
  nip66_ssl,
  nip66_geo,
  nip66_net,
  nip66_dns,
  nip66_http,
};

// The kind of a `service_state` row.
enum class ServiceStateType : std::uint8_t { candidate, cursor, checkpoint };

// The services of the pipeline; also the `service` label on every metric and log line.
enum class ServiceName : std::uint8_t {
  seeder,
  finder,
  validator,
  monitor,
  synchronizer,
  refresher,
  api,
  dvm,
};

// Event kinds the observatory produces or reads specially.
enum class EventKind : std::uint16_t {
  set_metadata = 0,
  recommend_relay = 2,
  contacts = 3,
  relay_list = 10002,
  monitor_announcement = 10166,
  nip66_test = 22456,
  relay_discovery = 30166,
};

std::string_view to_string(NetworkType value) noexcept;
std::string_view to_string(MetadataType value) noexcept;
std::string_view to_string(ServiceStateType value) noexcept;
std::string_view to_string(ServiceName value) noexcept;

std::optional<NetworkType> parse_network_type(std::string_view text) noexcept;
std::optional<MetadataType> parse_metadata_type(std::string_view text) noexcept;
std::optional<ServiceStateType> parse_service_state_type(std::string_view text) noexcept;
std::optional<ServiceName> parse_service_name(std::string_view text) noexcept;

// Every value, in declaration order (for config validation, metrics and loops).
std::span<const NetworkType> all_network_types() noexcept;
std::span<const MetadataType> all_metadata_types() noexcept;
std::span<const ServiceName> all_service_names() noexcept;

// The networks a relay can be stored under: clearnet, tor, i2p, loki (and local, when
// allowed). Overlay networks are reached through a SOCKS5 proxy.
constexpr bool is_overlay(NetworkType value) noexcept {
  return value == NetworkType::tor || value == NetworkType::i2p || value == NetworkType::loki;
}

}  // namespace bigbrotr::models
