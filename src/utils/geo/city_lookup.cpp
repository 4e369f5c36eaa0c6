#include "utils/geo/city_lookup.hpp"

namespace bigbrotr::utils {

models::Result<std::optional<CityRecord>> lookup_city(const MmdbReader& reader, std::string_view ip) {
  auto found = reader.lookup(ip);
  if (!found) return found.failure();
  if (!found->has_value()) return std::optional<CityRecord>();
  const MmdbRecord& r = **found;
  CityRecord city;
  city.country_iso = r.string({"country", "iso_code"});
  if (!city.country_iso) city.country_iso = r.string({"registered_country", "iso_code"});
  city.country_name = r.string({"country", "names", "en"});
  if (!city.country_name) city.country_name = r.string({"registered_country", "names", "en"});
  city.is_in_european_union = r.boolean({"country", "is_in_european_union"}).value_or(false);
  city.continent_code = r.string({"continent", "code"});
  city.continent_name = r.string({"continent", "names", "en"});
  city.city_name = r.string({"city", "names", "en"});
  city.city_geoname_id = r.unsigned_integer({"city", "geoname_id"});
  if (const auto subdivisions = r.array_size({"subdivisions"}); subdivisions && *subdivisions > 0) {
    const std::string last = std::to_string(*subdivisions - 1);
    city.subdivision_name = r.string({"subdivisions", last.c_str(), "names", "en"});
  }
  city.postal_code = r.string({"postal", "code"});
  city.latitude = r.floating({"location", "latitude"});
  city.longitude = r.floating({"location", "longitude"});
  city.accuracy_radius = r.unsigned_integer({"location", "accuracy_radius"});
  city.time_zone = r.string({"location", "time_zone"});
  return std::optional<CityRecord>(std::move(city));
}

}  // namespace bigbrotr::utils
