#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/enums.hpp"
#include "models/relay.hpp"
#include "models/relay_status.hpp"
#include "nips/check_result.hpp"
#include "nips/nip11/nip11_response.hpp"
#include "nips/nip66/host_resolution.hpp"
#include "nips/nip66/nip66_rtt.hpp"
#include "utils/dns/dns_resolver.hpp"
#include "utils/dns/public_suffix.hpp"
#include "utils/geo/geohash.hpp"
#include "utils/geo/mmdb_reader.hpp"
#include "utils/keys.hpp"
#include "utils/transport/transport_options.hpp"

namespace boost::asio {
class thread_pool;
}  // namespace boost::asio

// Every NIP-11 / NIP-66 check of one relay (nips.md §5.7), for the monitor and for
// `bigbrotr relay check`.
namespace bigbrotr::nips {

struct RelayCheckOptions {
  // For the relay's network: proxy (overlays), SSRF guard (allow_local), extra CA file,
  // allow_insecure, message cap. Step timeouts are capped at `timeout`.
  utils::TransportOptions transport;
  // The network timeout (nips.md: clearnet 10 s, tor 30 s, ...), per check; for rtt per
  // phase.
  std::chrono::milliseconds timeout{std::chrono::seconds(10)};
  // Signs the rtt write test and answers NIP-42 challenges.
  std::optional<utils::Keys> keys;
  // GeoLite2-City / GeoLite2-ASN readers, borrowed (must outlive the call); geo / net
  // fail with "GeoLite2-City database not given" / "GeoLite2-ASN database not given"
  // when absent.
  const utils::MmdbReader* city_database = nullptr;
  const utils::MmdbReader* asn_database = nullptr;
  int geohash_precision = utils::kDefaultGeohashPrecision;
  // processing.nip11_info_max_size.
  std::size_t nip11_max_size = kNip11MonitorMaxSize;
  // The dns check's server (empty = transport.dns_server, else the system's); its
  // timeout is set to `timeout`.
  utils::DnsResolverOptions dns;
  // For dns_ns; borrowed; nullptr = the dns check's default.
  const utils::PublicSuffixList* suffixes = nullptr;
  // Host → addresses for geo and net; empty = transport.dns_server, else the system's.
  HostResolver host_resolver;
  std::uint16_t rtt_test_kind = kRttTestKind;
};

// The results of one relay's checks, one per requested type.
struct RelayCheckReport {
  // In models::all_metadata_types() order; only the requested types.
  std::vector<std::pair<models::MetadataType, CheckResult>> results;
  // NIP-11 values dropped for their JSON type (see Nip11Fetch::dropped_fields).
  std::vector<std::string> nip11_dropped_fields;
  // Some connection (nip11, rtt) used the insecure TLS fallback.
  bool insecure = false;
  // The relay's status, judged by the rtt probe; absent when rtt was not requested.
  std::optional<models::StatusVerdict> status;

  // The result of `type`, or nullptr when it was not requested.
  const CheckResult* find(models::MetadataType type) const;
};

// Runs the requested checks in the spec's order: nip11_info first (its
// min_pow_difficulty feeds the rtt write), then nip66_rtt, then ssl, dns, geo, net and
// http concurrently. The blocking checks (dns, geo, net: lookups only, they open no
// connection) run on `blocking_pool`; the rest, every one that connects, on the calling
// coroutine's executor through the transport's guarded dial path. When rtt runs, http reads the headers of
// the rtt connection's upgrade instead of opening another one (a failed open fails http with the same
// reason). Clearnet-only checks on other networks fail with "requires clearnet, got <net>". Memory per relay
// is bounded by the transport caps (NIP-11 body, message size, RelayClient's queue). Never throws for what
// the network does; `blocking_pool` must outlive the call.
boost::asio::awaitable<RelayCheckReport> run_relay_checks(models::Relay relay,
                                                          std::vector<models::MetadataType> types,
                                                          RelayCheckOptions options,
                                                          boost::asio::thread_pool& blocking_pool);

}  // namespace bigbrotr::nips
