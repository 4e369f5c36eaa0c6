#include "models/enums.hpp"

#include <array>
#include <utility>

namespace bigbrotr::models {
namespace {

template <class Enum, std::size_t N>
using Names = std::array<std::pair<Enum, std::string_view>, N>;

constexpr Names<NetworkType, 6> kNetworkNames{{
    {NetworkType::clearnet, "clearnet"},
    {NetworkType::tor, "tor"},
    {NetworkType::i2p, "i2p"},
    {NetworkType::loki, "loki"},
    {NetworkType::local, "local"},
    {NetworkType::unknown, "unknown"},
}};

constexpr Names<MetadataType, 7> kMetadataNames{{
    {MetadataType::nip11_info, "nip11_info"},
    {MetadataType::nip66_rtt, "nip66_rtt"},
    {MetadataType::nip66_ssl, "nip66_ssl"},
    {MetadataType::nip66_geo, "nip66_geo"},
    {MetadataType::nip66_net, "nip66_net"},
    {MetadataType::nip66_dns, "nip66_dns"},
    {MetadataType::nip66_http, "nip66_http"},
}};

constexpr Names<ServiceStateType, 3> kStateTypeNames{{
    {ServiceStateType::candidate, "candidate"},
    {ServiceStateType::cursor, "cursor"},
    {ServiceStateType::checkpoint, "checkpoint"},
}};

constexpr Names<ServiceName, 8> kServiceNames{{
    {ServiceName::seeder, "seeder"},
    {ServiceName::finder, "finder"},
    {ServiceName::validator, "validator"},
    {ServiceName::monitor, "monitor"},
    {ServiceName::synchronizer, "synchronizer"},
    {ServiceName::refresher, "refresher"},
    {ServiceName::api, "api"},
    {ServiceName::dvm, "dvm"},
}};

template <class Enum, std::size_t N>
std::string_view name_of(const Names<Enum, N>& names, Enum value) noexcept {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return "invalid";
}

template <class Enum, std::size_t N>
std::optional<Enum> value_of(const Names<Enum, N>& names, std::string_view text) noexcept {
  for (const auto& [value, name] : names) {
    if (name == text) return value;
  }
  return std::nullopt;
}

template <class Enum, std::size_t N>
constexpr std::array<Enum, N> values_of(const Names<Enum, N>& names) noexcept {
  std::array<Enum, N> values{};
  for (std::size_t i = 0; i < N; ++i) values[i] = names[i].first;
  return values;
}

constexpr auto kAllNetworks = values_of(kNetworkNames);
constexpr auto kAllMetadataTypes = values_of(kMetadataNames);
constexpr auto kAllServices = values_of(kServiceNames);

}  // namespace

std::string_view to_string(NetworkType value) noexcept { return name_of(kNetworkNames, value); }
std::string_view to_string(MetadataType value) noexcept { return name_of(kMetadataNames, value); }
std::string_view to_string(ServiceStateType value) noexcept { return name_of(kStateTypeNames, value); }
std::string_view to_string(ServiceName value) noexcept { return name_of(kServiceNames, value); }

std::optional<NetworkType> parse_network_type(std::string_view text) noexcept {
  return value_of(kNetworkNames, text);
}
std::optional<MetadataType> parse_metadata_type(std::string_view text) noexcept {
  return value_of(kMetadataNames, text);
}
std::optional<ServiceStateType> parse_service_state_type(std::string_view text) noexcept {
  return value_of(kStateTypeNames, text);
}
std::optional<ServiceName> parse_service_name(std::string_view text) noexcept {
  return value_of(kServiceNames, text);
}

std::span<const NetworkType> all_network_types() noexcept { return kAllNetworks; }
std::span<const MetadataType> all_metadata_types() noexcept { return kAllMetadataTypes; }
std::span<const ServiceName> all_service_names() noexcept { return kAllServices; }

}  // namespace bigbrotr::models
