#include "models/relay_host.hpp"

#include <algorithm>
#include <cstddef>
#include <utility>

#include "models/ip_literal.hpp"

namespace bigbrotr::models {
namespace {

constexpr std::size_t kMaxHostnameLength = 253;
constexpr std::size_t kMaxLabelLength = 63;
constexpr std::size_t kOnionV3Length = 56;
constexpr std::size_t kOnionV2Length = 16;
constexpr std::size_t kI2pB32Length = 52;
constexpr std::size_t kLokiLength = 52;

constexpr std::string_view kOnionSuffix = ".onion";
constexpr std::string_view kI2pSuffix = ".i2p";
constexpr std::string_view kI2pB32Suffix = ".b32";
constexpr std::string_view kLokiSuffix = ".loki";

bool is_base32(std::string_view text) noexcept {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'); });
}

bool is_label_char(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool is_valid_label(std::string_view label) noexcept {
  return !label.empty() && label.size() <= kMaxLabelLength && label.front() != '-' && label.back() != '-' &&
         std::all_of(label.begin(), label.end(), is_label_char);
}

// Calls visit(label) for each '.'-separated label; stops at the first false.
template <class Visit>
bool all_labels(std::string_view host, Visit visit) {
  for (;;) {
    const std::size_t dot = host.find('.');
    if (!visit(host.substr(0, dot))) return false;
    if (dot == std::string_view::npos) return true;
    host.remove_prefix(dot + 1);
  }
}

// RFC 7686 allows sub-domains to the left of the onion service name.
bool is_valid_onion_name(std::string_view name) noexcept {
  const std::size_t dot = name.rfind('.');
  const std::string_view service = dot == std::string_view::npos ? name : name.substr(dot + 1);
  if (service.size() != kOnionV3Length && service.size() != kOnionV2Length) return false;
  if (!is_base32(service)) return false;
  return dot == std::string_view::npos || all_labels(name.substr(0, dot), is_valid_label);
}

bool is_valid_i2p_name(std::string_view name, std::string_view host) noexcept {
  if (name.ends_with(kI2pB32Suffix)) {
    const std::string_view hash = name.substr(0, name.size() - kI2pB32Suffix.size());
    return hash.size() == kI2pB32Length && is_base32(hash);
  }
  return is_valid_hostname(host);
}

bool is_valid_loki_name(std::string_view name) noexcept {
  return name.size() == kLokiLength && is_base32(name);
}

ClassifiedHost classified(NetworkType network, std::string&& host) {
  return ClassifiedHost{network, std::move(host)};
}

}  // namespace

bool is_valid_hostname(std::string_view host) noexcept {
  if (host.find('.') == std::string_view::npos || host.size() > kMaxHostnameLength) return false;
  if (!all_labels(host, is_valid_label)) return false;
  const std::string_view last = host.substr(host.rfind('.') + 1);
  return !std::all_of(last.begin(), last.end(), [](char c) { return c >= '0' && c <= '9'; });
}

ClassifiedHost classify_host(std::string host) {
  const std::string_view view = host;
  if (host.empty()) return classified(NetworkType::unknown, std::move(host));
  if (view.ends_with(kOnionSuffix)) {
    const std::string_view name = view.substr(0, view.size() - kOnionSuffix.size());
    return classified(is_valid_onion_name(name) ? NetworkType::tor : NetworkType::unknown, std::move(host));
  }
  if (view.ends_with(kI2pSuffix)) {
    const std::string_view name = view.substr(0, view.size() - kI2pSuffix.size());
    return classified(is_valid_i2p_name(name, view) ? NetworkType::i2p : NetworkType::unknown,
                      std::move(host));
  }
  if (view.ends_with(kLokiSuffix)) {
    const std::string_view name = view.substr(0, view.size() - kLokiSuffix.size());
    return classified(is_valid_loki_name(name) ? NetworkType::loki : NetworkType::unknown, std::move(host));
  }
  if (view == "localhost" || view == "localhost.localdomain")
    return classified(NetworkType::local, std::move(host));
  if (const auto ip = parse_ip_literal(view)) {
    return ClassifiedHost{ip->is_reserved() ? NetworkType::local : NetworkType::clearnet, ip->to_string()};
  }
  return classified(is_valid_hostname(view) ? NetworkType::clearnet : NetworkType::unknown, std::move(host));
}

}  // namespace bigbrotr::models
