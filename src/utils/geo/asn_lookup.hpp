#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "models/result.hpp"
#include "utils/geo/mmdb_reader.hpp"

// GeoLite2-ASN records.
namespace bigbrotr::utils {

struct AsnRecord {
  std::optional<std::uint64_t> autonomous_system_number;
  std::optional<std::string> autonomous_system_organization;
  // The network of the record that matched, CIDR ("1.2.3.0/24").
  std::string network;
};

// The ASN record of an address: nullopt when the database has none; fails for a non-IP
// text or a corrupt database.
models::Result<std::optional<AsnRecord>> lookup_asn(const MmdbReader& reader, std::string_view ip);

}  // namespace bigbrotr::utils
