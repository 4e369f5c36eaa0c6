#pragma once

#include <chrono>

#include "models/relay.hpp"
#include "nips/check_result.hpp"
#include "utils/dns/dns_resolver.hpp"
#include "utils/dns/public_suffix.hpp"

// The nip66_dns check (nips.md §5.3). Blocking: run it on a worker thread.
namespace bigbrotr::nips {

struct DnsCheckOptions {
  // Which server to ask (empty = system) and the per-query timeout; the whole check is
  // capped at the same timeout (the network's).
  utils::DnsResolverOptions resolver;
  // For dns_ns: the registrable domain's NS records. Defaults to Debian's list.
  const utils::PublicSuffixList* suffixes = nullptr;
};

// Looks up, each independently (a failed lookup only leaves its field out): dns_ips (all
// A), dns_ttl (the A RRset's TTL), dns_ips_v6 (all AAAA), dns_cname (first target),
// dns_ns (NS of the registrable domain; of the host itself when it has none, such as an
// IP literal host), dns_reverse (first PTR of the first A). Non-clearnet relays fail with
// "requires clearnet, got <net>"; no field at all fails with "no DNS records found".
CheckResult check_dns(const models::Relay& relay, const DnsCheckOptions& options);

}  // namespace bigbrotr::nips
