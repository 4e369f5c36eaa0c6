#pragma once

#include <chrono>
#include <functional>
#include <string_view>

#include "utils/dns/dns_resolver.hpp"

// How the geo and net checks turn a relay host into addresses (nips.md §2.2): the first
// IPv4 and IPv6 address, each lookup capped at 5 s, the whole within the check timeout.
namespace bigbrotr::nips {

// Injectable so tests can resolve through a loopback DNS server.
using HostResolver =
    std::function<utils::HostAddresses(std::string_view host, std::chrono::milliseconds total)>;

// The system resolver (hosts file, then /etc/resolv.conf's servers) through c-ares.
inline HostResolver system_host_resolver() {
  return [](std::string_view host, std::chrono::milliseconds total) {
    return utils::DnsResolver().resolve_host(host, total);
  };
}

}  // namespace bigbrotr::nips
