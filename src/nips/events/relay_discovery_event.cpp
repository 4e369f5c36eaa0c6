#include "nips/events/relay_discovery_event.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>
#include <vector>

#include "models/canonical_json.hpp"
#include "models/enums.hpp"
#include "models/metadata.hpp"
#include "models/relay_status.hpp"
#include "utils/transport/relay_message.hpp"
#include "models/machine_prefix.hpp"

namespace bigbrotr::nips {
namespace {

using boost::json::object;
using models::EventTags;

// Field readers over a check's `data`: a missing or mistyped field is "no value".
std::optional<std::string> text(const object& data, std::string_view key) {
  const auto* v = data.if_contains(key);
  if (v == nullptr || !v->is_string() || v->get_string().empty()) return std::nullopt;
  return std::string(v->get_string());
}

std::optional<std::string> number(const object& data, std::string_view key) {
  const auto* v = data.if_contains(key);
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return std::to_string(v->get_int64());
  if (v->is_uint64()) return std::to_string(v->get_uint64());
  if (v->is_double()) return models::python_float_repr(v->get_double());
  return std::nullopt;
}

std::optional<std::string> first_text(const object& data, std::string_view key) {
  const auto* v = data.if_contains(key);
  if (v == nullptr || !v->is_array() || v->get_array().empty()) return std::nullopt;
  const auto& first = v->get_array().front();
  if (!first.is_string() || first.get_string().empty()) return std::nullopt;
  return std::string(first.get_string());
}

std::vector<std::string> texts(const object& data, std::string_view key) {
  std::vector<std::string> out;
  const auto* v = data.if_contains(key);
  if (v == nullptr || !v->is_array()) return out;
  for (const auto& item : v->get_array())
    if (item.is_string()) out.emplace_back(item.get_string());
  return out;
}

std::optional<bool> flag(const object& data, std::string_view key) {
  const auto* v = data.if_contains(key);
  if (v == nullptr || !v->is_bool()) return std::nullopt;
  return v->get_bool();
}

void add(EventTags& tags, std::string name, const std::optional<std::string>& value) {
  if (value) tags.push_back({std::move(name), *value});
}

void add_labelled(EventTags& tags, const std::string& name, const std::optional<std::string>& value,
                  const std::string& label_namespace) {
  if (!value) return;
  tags.push_back({name, *value});
  tags.push_back({"l", *value, label_namespace});
}

void add_measurements(EventTags& tags, const RelayChecks& checks) {
  static const object kEmpty;
  const object& rtt = checks.rtt ? checks.rtt->data : kEmpty;
  add(tags, "rtt-open", number(rtt, "rtt_open"));
  add(tags, "rtt-read", number(rtt, "rtt_read"));
  add(tags, "rtt-write", number(rtt, "rtt_write"));
  const object& ssl = checks.ssl ? checks.ssl->data : kEmpty;
  if (auto valid = flag(ssl, "ssl_valid")) tags.push_back({"ssl", *valid ? "valid" : "!valid"});
  add(tags, "ssl-expires", number(ssl, "ssl_expires"));
  add(tags, "ssl-issuer", text(ssl, "ssl_issuer"));
  const object& net = checks.net ? checks.net->data : kEmpty;
  add(tags, "net-ip", text(net, "net_ip"));
  add(tags, "net-ipv6", text(net, "net_ipv6"));
  add_labelled(tags, "net-asn", number(net, "net_asn"), "IANA-asn");
  add_labelled(tags, "net-asn-org", text(net, "net_asn_org"), "IANA-asnOrg");
  const object& geo = checks.geo ? checks.geo->data : kEmpty;
  add(tags, "g", text(geo, "geo_hash"));
  add_labelled(tags, "geo-country", text(geo, "geo_country"), "ISO-3166-1");
  add_labelled(tags, "geo-city", text(geo, "geo_city"), "nip66.label.city");
  add(tags, "geo-lat", number(geo, "geo_lat"));
  add(tags, "geo-lon", number(geo, "geo_lon"));
  add_labelled(tags, "geo-tz", text(geo, "geo_tz"), "IANA-tz");
  const object& dns = checks.dns ? checks.dns->data : kEmpty;
  add(tags, "dns-ip", first_text(dns, "dns_ips"));
  add(tags, "dns-ip6", first_text(dns, "dns_ips_v6"));
  add(tags, "dns-cname", text(dns, "dns_cname"));
  add(tags, "dns-ttl", number(dns, "dns_ttl"));
  const object& http = checks.http ? checks.http->data : kEmpty;
  add(tags, "http-server", text(http, "http_server"));
  add(tags, "http-powered-by", text(http, "http_powered_by"));
}

void add_language_labels(EventTags& tags, const std::vector<std::string>& language_tags) {
  if (std::find(language_tags.begin(), language_tags.end(), "*") != language_tags.end()) return;
  std::set<std::string> seen;
  for (const auto& language : language_tags) {
    std::string primary = language.substr(0, language.find('-'));
    std::transform(primary.begin(), primary.end(), primary.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const bool letters =
        std::all_of(primary.begin(), primary.end(), [](unsigned char c) { return std::isalpha(c); });
    if (primary.size() == 2 && letters && seen.insert(primary).second)
      tags.push_back({"l", primary, "ISO-639-1"});
  }
}

// Access restrictions: what the RTT probe saw beats what NIP-11 claims.
struct AccessFlags {
  bool auth = false;
  bool payment = false;
  bool writes = false;
  bool read_auth = false;
};

// What a restricted verdict proves the relay demands, on top of what NIP-11 claims.
void add_demands(AccessFlags& access, bool& requires_pow, const std::optional<models::StatusVerdict>& status) {
  if (!status || status->status != models::RelayStatus::restricted) return;
  switch (status->reason) {
    case models::StatusReason::auth: access.auth = true; break;
    case models::StatusReason::payment: access.payment = true; break;
    case models::StatusReason::pow: requires_pow = true; break;
    case models::StatusReason::writes:
    case models::StatusReason::restricted:
    case models::StatusReason::blocked: access.writes = true; break;
    default: break;
  }
}

// What NIP-11 claims, unless the probe wrote without authenticating or paying (then the
// relay is open). A refused write is read by the status model's own rule
// (models::refusal_reason: NIP-01 machine prefixes only), never by guessing at its text.
AccessFlags access_flags(const object& limitation, const std::optional<CheckResult>& rtt) {
  static const object kEmpty;
  const object& logs = rtt ? rtt->logs : kEmpty;
  AccessFlags access;
  if (flag(logs, "write_success") != true) {
    access.auth = flag(limitation, "auth_required").value_or(false);
    access.payment = flag(limitation, "payment_required").value_or(false);
    access.writes = flag(limitation, "restricted_writes").value_or(false);
  }
  if (flag(logs, "write_success") == false) {
    using models::StatusReason;
    const auto reason = models::refusal_reason(text(logs, "write_reason").value_or(""), StatusReason::writes);
    access.auth = access.auth || reason == StatusReason::auth;
    access.payment = access.payment || reason == StatusReason::payment;
    access.writes = access.writes || reason == StatusReason::writes || reason == StatusReason::restricted ||
                    reason == StatusReason::blocked;
  }
  access.read_auth = flag(logs, "read_success") == false &&
                     models::has_machine_prefix(text(logs, "read_reason").value_or(""), "auth-required");
  return access;
}

void add_type_tags(EventTags& tags, const std::vector<std::int64_t>& nips, const AccessFlags& access) {
  const auto supports = [&](std::int64_t nip) {
    return std::find(nips.begin(), nips.end(), nip) != nips.end();
  };
  if (supports(50)) tags.push_back({"T", "Search"});
  if (supports(29)) tags.push_back({"T", "Community"});
  if (supports(95)) tags.push_back({"T", "Blob"});
  if (access.payment) tags.push_back({"T", "Paid"});
  if (access.read_auth) {
    tags.push_back({"T", access.auth ? "PrivateStorage" : "PrivateInbox"});
  } else if (access.auth || access.writes || access.payment) {
    tags.push_back({"T", "PublicOutbox"});
  } else {
    tags.push_back({"T", "PublicInbox"});
  }
}

void add_nip11_tags(EventTags& tags, const CheckResult& nip11, const RelayChecks& checks) {
  const object& data = nip11.data;
  std::vector<std::int64_t> nips;
  if (const auto* list = data.if_contains("supported_nips"); list != nullptr && list->is_array()) {
    for (const auto& item : list->get_array())
      if (item.is_int64()) nips.push_back(item.get_int64());
  }
  std::sort(nips.begin(), nips.end());
  nips.erase(std::unique(nips.begin(), nips.end()), nips.end());
  for (auto nip : nips) tags.push_back({"N", std::to_string(nip)});
  for (const auto& topic : texts(data, "tags")) tags.push_back({"t", topic});
  add_language_labels(tags, texts(data, "language_tags"));

  static const object kEmpty;
  const auto* limitation_value = data.if_contains("limitation");
  const object& limitation =
      limitation_value != nullptr && limitation_value->is_object() ? limitation_value->get_object() : kEmpty;
  AccessFlags access = access_flags(limitation, checks.rtt);
  const auto pow = limitation.if_contains("min_pow_difficulty");
  bool requires_pow = pow != nullptr && pow->is_int64() && pow->get_int64() > 0;
  add_demands(access, requires_pow, checks.status);
  tags.push_back({"R", access.auth ? "auth" : "!auth"});
  tags.push_back({"R", access.payment ? "payment" : "!payment"});
  tags.push_back({"R", access.writes ? "writes" : "!writes"});
  tags.push_back({"R", requires_pow ? "pow" : "!pow"});
  add_type_tags(tags, nips, access);
  for (const auto& attribute : texts(data, "attributes"))
    if (!attribute.empty()) tags.push_back({"W", attribute});
}

// Without NIP-11: only the requirements a restricted relay was seen to demand.
void add_demand_tags(EventTags& tags, const std::optional<models::StatusVerdict>& status) {
  AccessFlags access;
  bool requires_pow = false;
  add_demands(access, requires_pow, status);
  if (access.auth) tags.push_back({"R", "auth"});
  if (access.payment) tags.push_back({"R", "payment"});
  if (access.writes) tags.push_back({"R", "writes"});
  if (requires_pow) tags.push_back({"R", "pow"});
}

}  // namespace

EventTags relay_discovery_tags(const models::Relay& relay, const RelayChecks& checks) {
  EventTags tags;
  tags.push_back({"d", relay.url()});
  tags.push_back({"n", std::string(models::to_string(relay.network()))});
  add_measurements(tags, checks);
  if (checks.nip11) {
    add_nip11_tags(tags, *checks.nip11, checks);
  } else {
    add_demand_tags(tags, checks.status);
  }
  return tags;
}

models::Result<std::string> relay_discovery_content(const RelayChecks& checks) {
  if (!checks.nip11) return std::string();
  auto metadata = models::Metadata::create(models::MetadataType::nip11_info, checks.nip11->to_json());
  if (!metadata) return metadata.failure();
  return metadata->canonical_json();
}

models::Result<models::Event> build_relay_discovery(const models::Relay& relay, const RelayChecks& checks,
                                                    std::int64_t created_at,
                                                    const models::SecretKey& secret_key) {
  auto content = relay_discovery_content(checks);
  if (!content) return content.failure();
  return models::Event::sign(created_at, static_cast<std::uint16_t>(models::EventKind::relay_discovery),
                             relay_discovery_tags(relay, checks), std::move(content).value(), secret_key);
}

}  // namespace bigbrotr::nips
