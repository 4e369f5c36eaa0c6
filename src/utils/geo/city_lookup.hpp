#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "models/result.hpp"
#include "utils/geo/mmdb_reader.hpp"

// GeoIP2/GeoLite2 City records, read the way the geoip2 Python package presents them.
namespace bigbrotr::utils {

struct CityRecord {
  // country.iso_code / names.en, each falling back to registered_country's.
  std::optional<std::string> country_iso;
  std::optional<std::string> country_name;
  // country.is_in_european_union; false when the database says nothing (geoip2's default).
  bool is_in_european_union = false;
  std::optional<std::string> continent_code;
  std::optional<std::string> continent_name;
  std::optional<std::string> city_name;
  std::optional<std::uint64_t> city_geoname_id;
  // names.en of the last (most specific) subdivision.
  std::optional<std::string> subdivision_name;
  std::optional<std::string> postal_code;
  std::optional<double> latitude;
  std::optional<double> longitude;
  // location.accuracy_radius, kilometres.
  std::optional<std::uint64_t> accuracy_radius;
  std::optional<std::string> time_zone;
};

// The City record of an address: nullopt when the database has none; fails for a
// non-IP text or a corrupt database (the reason is fit for the check's logs).
models::Result<std::optional<CityRecord>> lookup_city(const MmdbReader& reader, std::string_view ip);

}  // namespace bigbrotr::utils
