#include "nips/nip66/nip66_dns.hpp"

#include <boost/json/array.hpp>

#include <algorithm>
#include <string>

#include "models/enums.hpp"
#include "nips/nip66/clearnet_only.hpp"

namespace bigbrotr::nips {
namespace {

using Clock = std::chrono::steady_clock;

boost::json::array to_array(const std::vector<std::string>& values) {
  boost::json::array out;
  for (const auto& value : values) out.emplace_back(value);
  return out;
}

// Gives each lookup what is left of the check's budget, so the check as a whole ends
// within one timeout even when every server is silent.
class Budget {
 public:
  Budget(const utils::DnsResolverOptions& options)
      : options_(options), deadline_(Clock::now() + options.timeout) {}

  // A resolver bounded by the remaining time, or nullopt when the time is up.
  std::optional<utils::DnsResolver> next() const {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now());
    if (left.count() <= 0) return std::nullopt;
    utils::DnsResolverOptions bounded = options_;
    bounded.timeout = std::min(options_.timeout, left);
    return utils::DnsResolver(bounded);
  }

 private:
  utils::DnsResolverOptions options_;
  Clock::time_point deadline_;
};

}  // namespace

CheckResult check_dns(const models::Relay& relay, const DnsCheckOptions& options) {
  if (auto refused = require_clearnet(relay)) return *refused;
  const std::string& host = relay.host();
  const Budget budget(options.resolver);
  boost::json::object data;
  std::optional<std::string> first_ip;
  if (auto resolver = budget.next()) {
    if (auto a = resolver->resolve_a(host)) {
      data["dns_ips"] = to_array(a->addresses);
      data["dns_ttl"] = static_cast<std::int64_t>(a->ttl);
      first_ip = a->addresses.front();
    }
  }
  if (auto resolver = budget.next()) {
    if (auto aaaa = resolver->resolve_aaaa(host)) data["dns_ips_v6"] = to_array(*aaaa);
  }
  if (auto resolver = budget.next()) {
    if (auto cname = resolver->resolve_cname(host)) data["dns_cname"] = *cname;
  }
  const auto& suffixes = options.suffixes != nullptr ? *options.suffixes : utils::system_public_suffix_list();
  std::string domain = suffixes.registrable_domain(host);
  if (domain.empty()) domain = host;
  if (auto resolver = budget.next()) {
    if (auto ns = resolver->resolve_ns(domain)) data["dns_ns"] = to_array(*ns);
  }
  if (first_ip) {
    if (auto resolver = budget.next()) {
      if (auto ptr = resolver->resolve_ptr(*first_ip)) data["dns_reverse"] = ptr->front();
    }
  }
  if (data.empty()) return CheckResult::failure("no DNS records found");
  return CheckResult::success(std::move(data));
}

}  // namespace bigbrotr::nips
