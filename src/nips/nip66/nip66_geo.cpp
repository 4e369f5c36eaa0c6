#include "nips/nip66/nip66_geo.hpp"

#include <variant>

#include "nips/nip66/clearnet_only.hpp"
#include "utils/geo/asn_lookup.hpp"
#include "utils/geo/city_lookup.hpp"

namespace bigbrotr::nips {
namespace {

// The relay's addresses, or the check's failure. MaxMind lookups take microseconds, so
// only the resolution needs the timeout.
std::variant<utils::HostAddresses, CheckResult> resolve(const models::Relay& relay,
                                                        const GeoCheckOptions& options) {
  if (auto refused = require_clearnet(relay)) return *refused;
  const HostResolver& resolver = options.resolver ? options.resolver : system_host_resolver();
  utils::HostAddresses addresses = resolver(relay.host(), options.timeout);
  if (addresses.timed_out && !addresses.ipv4 && !addresses.ipv6)
    return CheckResult::failure("timeout resolving hostname");
  if (!addresses.ipv4 && !addresses.ipv6) return CheckResult::failure("could not resolve hostname to IP");
  return addresses;
}

template <class T>
void put(boost::json::object& data, const char* key, const std::optional<T>& value) {
  if (value) data[key] = *value;
}

void put_text(boost::json::object& data, const char* key, const std::optional<std::string>& value) {
  if (value && !value->empty()) data[key] = *value;
}

boost::json::object city_data(const utils::CityRecord& city, int geohash_precision) {
  boost::json::object data;
  put_text(data, "geo_country", city.country_iso);
  put_text(data, "geo_country_name", city.country_name);
  data["geo_is_eu"] = city.is_in_european_union;
  put_text(data, "geo_continent", city.continent_code);
  put_text(data, "geo_continent_name", city.continent_name);
  put_text(data, "geo_city", city.city_name);
  if (city.city_geoname_id && *city.city_geoname_id != 0)
    data["geo_geoname_id"] = static_cast<std::int64_t>(*city.city_geoname_id);
  put_text(data, "geo_region", city.subdivision_name);
  put_text(data, "geo_postal", city.postal_code);
  put(data, "geo_lat", city.latitude);
  put(data, "geo_lon", city.longitude);
  if (city.accuracy_radius) data["geo_accuracy"] = static_cast<std::int64_t>(*city.accuracy_radius);
  put_text(data, "geo_tz", city.time_zone);
  if (city.latitude && city.longitude)
    data["geo_hash"] = utils::encode_geohash(*city.latitude, *city.longitude, geohash_precision);
  return data;
}

}  // namespace

CheckResult check_geo(const models::Relay& relay, const utils::MmdbReader& city_database,
                      const GeoCheckOptions& options) {
  auto resolved = resolve(relay, options);
  if (auto* failed = std::get_if<CheckResult>(&resolved)) return std::move(*failed);
  const auto& addresses = std::get<utils::HostAddresses>(resolved);
  const std::string& ip = addresses.ipv4 ? *addresses.ipv4 : *addresses.ipv6;
  auto city = utils::lookup_city(city_database, ip);
  if (!city) return CheckResult::failure(city.reason());
  if (!city->has_value()) return CheckResult::failure("no geo data found for IP");
  boost::json::object data = city_data(**city, options.geohash_precision);
  if (data.empty()) return CheckResult::failure("no geo data found for IP");
  return CheckResult::success(std::move(data));
}

CheckResult check_net(const models::Relay& relay, const utils::MmdbReader& asn_database,
                      const GeoCheckOptions& options) {
  auto resolved = resolve(relay, options);
  if (auto* failed = std::get_if<CheckResult>(&resolved)) return std::move(*failed);
  const auto& addresses = std::get<utils::HostAddresses>(resolved);
  boost::json::object data;
  // Lookup errors only leave the fields out, as in the original.
  if (addresses.ipv4) {
    data["net_ip"] = *addresses.ipv4;
    if (auto asn = utils::lookup_asn(asn_database, *addresses.ipv4); asn && asn->has_value()) {
      const auto& record = **asn;
      if (record.autonomous_system_number && *record.autonomous_system_number != 0)
        data["net_asn"] = static_cast<std::int64_t>(*record.autonomous_system_number);
      put_text(data, "net_asn_org", record.autonomous_system_organization);
      data["net_network"] = record.network;
    }
  }
  if (addresses.ipv6) {
    data["net_ipv6"] = *addresses.ipv6;
    if (auto asn = utils::lookup_asn(asn_database, *addresses.ipv6); asn && asn->has_value()) {
      const auto& record = **asn;
      data["net_network_v6"] = record.network;
      if (!data.contains("net_asn")) {
        if (record.autonomous_system_number && *record.autonomous_system_number != 0)
          data["net_asn"] = static_cast<std::int64_t>(*record.autonomous_system_number);
        put_text(data, "net_asn_org", record.autonomous_system_organization);
      }
    }
  }
  if (data.empty()) return CheckResult::failure("no ASN data found for IP");
  return CheckResult::success(std::move(data));
}

}  // namespace bigbrotr::nips
