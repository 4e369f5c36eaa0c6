#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/ip_literal.hpp"
#include "utils/dns/dns_message.hpp"
#include "utils/dns/dns_result.hpp"

// A blocking DNS client on c-ares. Each call runs its own c-ares channel to completion on
// the calling thread and returns within the configured timeout, so calls from many
// threads at once are safe. It blocks: call it from a worker thread (the monitor's
// blocking pool), never from an I/O thread.
namespace bigbrotr::utils {

struct DnsResolverOptions {
  // The server to ask, "ip" or "ip:port" (IPv6 as "[ip]:port"); empty = the system's
  // servers from /etc/resolv.conf. Tests point this at a loopback dnsmasq.
  std::string server;
  // Bound on each call: a query with no answer by then fails with `timeout`.
  std::chrono::milliseconds timeout{10000};
  // Attempts per server within that bound (c-ares splits the time between them).
  int tries = 2;
};

// The A RRset of a name: every address and the RRset's TTL.
struct AddressRecords {
  std::vector<std::string> addresses;
  std::uint32_t ttl = 0;
};

// The first IPv4 and IPv6 address of a host, as the system resolver would give them.
struct HostAddresses {
  std::optional<std::string> ipv4;
  std::optional<std::string> ipv6;
  // True when the overall bound ran out before both lookups finished.
  bool timed_out = false;
};

class DnsResolver {
 public:
  explicit DnsResolver(DnsResolverOptions options = {});

  const DnsResolverOptions& options() const noexcept { return options_; }

  // One query of `type` for `name`; the records of that type in the answer (a CNAME
  // chain in front is followed by the server and skipped here). An answer without
  // records of the type is `no_data`. Names are absolute; no search domains are added.
  DnsResult<std::vector<DnsRecord>> query(std::string_view name, DnsRecordType type) const;

  // A records with the RRset TTL (the smallest TTL of the set).
  DnsResult<AddressRecords> resolve_a(std::string_view name) const;
  // AAAA addresses in RFC 5952 form.
  DnsResult<std::vector<std::string>> resolve_aaaa(std::string_view name) const;
  // The first CNAME target, without the trailing dot.
  DnsResult<std::string> resolve_cname(std::string_view name) const;
  // NS host names, in answer order.
  DnsResult<std::vector<std::string>> resolve_ns(std::string_view name) const;
  // PTR names of an IP address (`bad_query` when `address` is not an IP literal).
  DnsResult<std::vector<std::string>> resolve_ptr(std::string_view address) const;

  // getaddrinfo-style resolution through c-ares (hosts file, then DNS; only DNS when a
  // server is configured): the first IPv4 and the first IPv6 address, each lookup capped
  // at min(per_lookup, what is left of `total`). An IP literal is returned as is.
  // Failures only leave the field empty.
  // Every address of a host, IPv4 and IPv6, the way resolve_host looks them up (hosts
  // file, then DNS; only DNS when a server is configured), in one c-ares getaddrinfo
  // bounded by `timeout`. An IP literal is returned as is. not_found / timeout / ... as
  // the lookup failed; an answer without addresses is no_data.
  DnsResult<std::vector<models::IpLiteral>> resolve_addresses(std::string_view host,
                                                              std::chrono::milliseconds timeout) const;

  HostAddresses resolve_host(std::string_view host, std::chrono::milliseconds total,
                             std::chrono::milliseconds per_lookup = std::chrono::seconds(5)) const;

 private:
  DnsResolverOptions options_;
};

}  // namespace bigbrotr::utils
