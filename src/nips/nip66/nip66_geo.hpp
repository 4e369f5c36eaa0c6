#pragma once

#include <chrono>

#include "models/relay.hpp"
#include "nips/check_result.hpp"
#include "nips/nip66/host_resolution.hpp"
#include "utils/geo/geohash.hpp"
#include "utils/geo/mmdb_reader.hpp"

// The nip66_geo (nips.md §5.4) and nip66_net (§5.5) checks. Blocking: run them on a
// worker thread. The readers are borrowed and must outlive the call.
namespace bigbrotr::nips {

struct GeoCheckOptions {
  // The network timeout: caps the host resolution.
  std::chrono::milliseconds timeout{10000};
  // geo.geohash_precision, 1..12.
  int geohash_precision = utils::kDefaultGeohashPrecision;
  // Empty = system_host_resolver().
  HostResolver resolver;
};

// City lookup of the relay's IPv4 (else IPv6): geo_country, geo_country_name, geo_is_eu,
// geo_continent, geo_continent_name, geo_city, geo_geoname_id, geo_region, geo_postal,
// geo_lat, geo_lon, geo_accuracy, geo_tz, geo_hash. Failures: "requires clearnet, got
// <net>", "timeout resolving hostname", "could not resolve hostname to IP",
// "no geo data found for IP", or the lookup's error text.
CheckResult check_geo(const models::Relay& relay, const utils::MmdbReader& city_database,
                      const GeoCheckOptions& options);

// ASN lookups: net_ip, net_ipv6; from the IPv4 net_asn, net_asn_org, net_network; from
// the IPv6 net_network_v6 (and net_asn/net_asn_org when the IPv4 gave none). Same
// resolution failures as check_geo; nothing at all → "no ASN data found for IP".
CheckResult check_net(const models::Relay& relay, const utils::MmdbReader& asn_database,
                      const GeoCheckOptions& options);

}  // namespace bigbrotr::nips
