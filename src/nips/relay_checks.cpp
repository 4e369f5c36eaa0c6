#include "nips/relay_checks.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <functional>
#include <map>

#include "nips/nip11/nip11_fetch.hpp"
#include "nips/nip66/clearnet_only.hpp"
#include "nips/nip66/nip66_dns.hpp"
#include "nips/nip66/nip66_geo.hpp"
#include "nips/nip66/nip66_http.hpp"
#include "nips/nip66/nip66_ssl.hpp"

namespace bigbrotr::nips {
namespace {

namespace asio = boost::asio;
using models::MetadataType;
using MaybeResult = std::optional<CheckResult>;
using BlockingCheck = std::function<CheckResult()>;

bool requested(const std::vector<MetadataType>& types, MetadataType type) {
  return std::find(types.begin(), types.end(), type) != types.end();
}

// Runs a blocking check on the pool and resumes on the caller's executor; nullopt when
// the check was not requested.
asio::awaitable<MaybeResult> run_blocking(asio::thread_pool& pool, bool enabled, BlockingCheck check) {
  if (!enabled) co_return std::nullopt;
  auto call = [check = std::move(check)]() -> asio::awaitable<MaybeResult> { co_return check(); };
  co_return co_await asio::co_spawn(pool, std::move(call), asio::use_awaitable);
}

std::string open_failure(const RttOutcome& rtt) {
  const auto* reason = rtt.result.logs.if_contains("open_reason");
  if (reason == nullptr || !reason->is_string()) return "connection failed";
  return std::string(reason->get_string());
}

void keep(std::map<MetadataType, CheckResult>& results, MetadataType type, MaybeResult& result) {
  if (result) results[type] = std::move(*result);
}

// nip66_http: from the rtt connection's upgrade when rtt ran, else its own connection.
asio::awaitable<MaybeResult> run_http(bool enabled, const std::optional<RttOutcome>& rtt, models::Relay relay,
                                      HttpCheckOptions options) {
  if (!enabled) co_return std::nullopt;
  if (rtt && rtt->opened) co_return http_check_result(rtt->upgrade_headers);
  if (rtt) co_return CheckResult::failure(open_failure(*rtt));
  co_return co_await check_http(std::move(relay), std::move(options));
}

// nip66_ssl: through the guarded dial path, on the caller's executor.
asio::awaitable<MaybeResult> run_ssl(bool enabled, models::Relay relay, SslCheckOptions options) {
  if (!enabled) co_return std::nullopt;
  co_return co_await check_ssl(std::move(relay), std::move(options));
}

BlockingCheck dns_check(const models::Relay& relay, const RelayCheckOptions& options) {
  DnsCheckOptions dns;
  dns.resolver = options.dns;
  if (dns.resolver.server.empty()) dns.resolver.server = options.transport.dns_server;
  dns.resolver.timeout = options.timeout;
  dns.suffixes = options.suffixes;
  return [relay, dns] { return check_dns(relay, dns); };
}

GeoCheckOptions geo_options(const RelayCheckOptions& options) {
  GeoCheckOptions geo;
  geo.timeout = options.timeout;
  geo.geohash_precision = options.geohash_precision;
  geo.resolver = options.host_resolver;
  if (!geo.resolver && !options.transport.dns_server.empty()) {
    utils::DnsResolverOptions server;
    server.server = options.transport.dns_server;
    geo.resolver = [server](std::string_view host, std::chrono::milliseconds total) {
      return utils::DnsResolver(server).resolve_host(host, total);
    };
  }
  return geo;
}

// geo and net need their database; the clearnet rule is checked first so a tor relay
// says why it was not looked up whatever the configuration.
BlockingCheck geo_check(const models::Relay& relay, const RelayCheckOptions& options) {
  const utils::MmdbReader* database = options.city_database;
  return [relay, database, geo = geo_options(options)] {
    if (auto wrong_network = require_clearnet(relay)) return *wrong_network;
    if (database == nullptr) return CheckResult::failure("GeoLite2-City database not given");
    return check_geo(relay, *database, geo);
  };
}

BlockingCheck net_check(const models::Relay& relay, const RelayCheckOptions& options) {
  const utils::MmdbReader* database = options.asn_database;
  return [relay, database, geo = geo_options(options)] {
    if (auto wrong_network = require_clearnet(relay)) return *wrong_network;
    if (database == nullptr) return CheckResult::failure("GeoLite2-ASN database not given");
    return check_net(relay, *database, geo);
  };
}

RttCheckOptions rtt_options(const RelayCheckOptions& options, std::int64_t min_pow_difficulty,
                            asio::thread_pool& pool) {
  RttCheckOptions rtt;
  rtt.transport = options.transport;
  rtt.timeout = options.timeout;
  rtt.keys = options.keys;
  rtt.min_pow_difficulty = min_pow_difficulty;
  rtt.test_kind = options.rtt_test_kind;
  rtt.pow_pool = &pool;
  return rtt;
}

}  // namespace

const CheckResult* RelayCheckReport::find(MetadataType type) const {
  for (const auto& [result_type, result] : results)
    if (result_type == type) return &result;
  return nullptr;
}

asio::awaitable<RelayCheckReport> run_relay_checks(models::Relay relay, std::vector<MetadataType> types,
                                                   RelayCheckOptions options,
                                                   asio::thread_pool& blocking_pool) {
  using namespace asio::experimental::awaitable_operators;
  std::map<MetadataType, CheckResult> results;
  RelayCheckReport report;

  std::int64_t min_pow_difficulty = 0;
  if (requested(types, MetadataType::nip11_info)) {
    Nip11FetchOptions nip11{options.transport, options.timeout, options.nip11_max_size};
    Nip11Fetch fetch = co_await fetch_nip11(relay, std::move(nip11));
    min_pow_difficulty = fetch.min_pow_difficulty.value_or(0);
    report.nip11_dropped_fields = std::move(fetch.dropped_fields);
    report.insecure = report.insecure || fetch.insecure;
    results[MetadataType::nip11_info] = std::move(fetch.result);
  }

  std::optional<RttOutcome> rtt;
  if (requested(types, MetadataType::nip66_rtt)) {
    RttCheckOptions rtt_check = rtt_options(options, min_pow_difficulty, blocking_pool);
    RttOutcome outcome = co_await check_rtt(relay, std::move(rtt_check));
    report.insecure = report.insecure || outcome.insecure;
    results[MetadataType::nip66_rtt] = outcome.result;
    report.status = outcome.status;
    rtt = std::move(outcome);
  }

  // Named locals, not temporaries inside the co_await expression (g++ 12 destroys those
  // twice).
  SslCheckOptions ssl{options.transport, options.timeout};
  BlockingCheck dns = dns_check(relay, options);
  BlockingCheck geo = geo_check(relay, options);
  BlockingCheck net = net_check(relay, options);
  HttpCheckOptions http{options.transport, options.timeout};
  auto [ssl_result, dns_result, geo_result, net_result, http_result] =
      co_await (run_ssl(requested(types, MetadataType::nip66_ssl), relay, std::move(ssl)) &&
                run_blocking(blocking_pool, requested(types, MetadataType::nip66_dns), std::move(dns)) &&
                run_blocking(blocking_pool, requested(types, MetadataType::nip66_geo), std::move(geo)) &&
                run_blocking(blocking_pool, requested(types, MetadataType::nip66_net), std::move(net)) &&
                run_http(requested(types, MetadataType::nip66_http), rtt, relay, std::move(http)));
  keep(results, MetadataType::nip66_ssl, ssl_result);
  keep(results, MetadataType::nip66_dns, dns_result);
  keep(results, MetadataType::nip66_geo, geo_result);
  keep(results, MetadataType::nip66_net, net_result);
  keep(results, MetadataType::nip66_http, http_result);

  for (const MetadataType type : models::all_metadata_types()) {
    if (auto found = results.find(type); found != results.end())
      report.results.emplace_back(type, found->second);
  }
  co_return report;
}

}  // namespace bigbrotr::nips
