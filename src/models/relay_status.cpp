#include "models/relay_status.hpp"

#include "models/machine_prefix.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <utility>

#include "models/text_excerpt.hpp"

namespace bigbrotr::models {
namespace {

constexpr std::array<std::pair<RelayStatus, std::string_view>, 3> kStatuses{{
    {RelayStatus::up, "up"},
    {RelayStatus::restricted, "restricted"},
    {RelayStatus::down, "down"},
}};

std::string lowered(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string cut(std::string_view message) { return std::string(utf8_prefix(message, kStatusMessageMax)); }

}  // namespace

std::string_view to_string(RelayStatus value) noexcept {
  for (const auto& [status, name] : kStatuses)
    if (status == value) return name;
  return "down";
}

std::string_view to_string(StatusReason value) noexcept {
  switch (value) {
    case StatusReason::none: return "";
    case StatusReason::dns: return "dns";
    case StatusReason::refused: return "refused";
    case StatusReason::timeout: return "timeout";
    case StatusReason::tls: return "tls";
    case StatusReason::http: return "http";
    case StatusReason::handshake: return "handshake";
    case StatusReason::connection: return "connection";
    case StatusReason::protocol: return "protocol";
    case StatusReason::proxy: return "proxy";
    case StatusReason::local: return "local";
    case StatusReason::invalid: return "invalid";
    case StatusReason::silent: return "silent";
    case StatusReason::auth: return "auth";
    case StatusReason::payment: return "payment";
    case StatusReason::pow: return "pow";
    case StatusReason::writes: return "writes";
    case StatusReason::restricted: return "restricted";
    case StatusReason::blocked: return "blocked";
  }
  return "";
}

constexpr std::array<ClaimMismatch, 5> kClaims{ClaimMismatch::nip11_unreachable, ClaimMismatch::auth_undeclared,
                                               ClaimMismatch::payment_undeclared, ClaimMismatch::pow_undeclared,
                                               ClaimMismatch::auth_not_enforced};

std::string_view to_string(ClaimMismatch value) noexcept {
  switch (value) {
    case ClaimMismatch::nip11_unreachable: return "nip11_unreachable";
    case ClaimMismatch::auth_undeclared: return "auth_undeclared";
    case ClaimMismatch::payment_undeclared: return "payment_undeclared";
    case ClaimMismatch::pow_undeclared: return "pow_undeclared";
    case ClaimMismatch::auth_not_enforced: return "auth_not_enforced";
  }
  return "";
}

std::string claims_text(std::span<const ClaimMismatch> claims) {
  std::string text;
  for (const ClaimMismatch claim : claims) {
    if (!text.empty()) text += ',';
    text += to_string(claim);
  }
  return text;
}

std::vector<ClaimMismatch> parse_claims(std::string_view text) {
  std::vector<ClaimMismatch> claims;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view name = text.substr(0, comma);
    for (const ClaimMismatch claim : kClaims)
      if (to_string(claim) == name) claims.push_back(claim);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return claims;
}

std::optional<RelayStatus> parse_relay_status(std::string_view text) noexcept {
  for (const auto& [status, name] : kStatuses)
    if (name == text) return status;
  return std::nullopt;
}

std::optional<StatusVerdict> verdict_from_codes(std::string_view status, std::string_view reason,
                                                std::string message) {
  const auto parsed_status = parse_relay_status(status);
  if (!parsed_status) return std::nullopt;
  StatusVerdict verdict{*parsed_status, StatusReason::none, 0, std::move(message)};
  if (reason.starts_with("http_")) {
    const std::string_view digits = reason.substr(5);
    std::uint16_t code = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), code);
    if (error != std::errc{} || end != digits.data() + digits.size() || code == 0) return std::nullopt;
    verdict.reason = StatusReason::http;
    verdict.http_status = code;
    return verdict;
  }
  for (auto value = static_cast<int>(StatusReason::none); value <= static_cast<int>(StatusReason::blocked); ++value) {
    const auto candidate = static_cast<StatusReason>(value);
    if (to_string(candidate) == reason) {
      verdict.reason = candidate;
      return verdict;
    }
  }
  return std::nullopt;
}

std::string StatusVerdict::reason_code() const {
  if (reason == StatusReason::http && http_status != 0) return "http_" + std::to_string(http_status);
  return std::string(to_string(reason));
}

StatusVerdict up_verdict(std::string_view message) {
  return StatusVerdict{RelayStatus::up, StatusReason::none, 0, cut(message)};
}

StatusVerdict restricted_verdict(StatusReason reason, std::string_view message) {
  return StatusVerdict{RelayStatus::restricted, reason, 0, cut(message)};
}

StatusVerdict down_verdict(StatusReason reason, std::string_view message, std::uint16_t http_status) {
  return StatusVerdict{RelayStatus::down, reason, http_status, cut(message)};
}

std::optional<StatusReason> refusal_reason(std::string_view message, StatusReason restricted_reason) {
  const std::string_view prefix = machine_prefix(message);
  if (prefix == "auth-required") return StatusReason::auth;
  if (prefix == "pow") return StatusReason::pow;
  if (prefix == "blocked") return restricted_reason == StatusReason::writes ? StatusReason::writes : StatusReason::blocked;
  if (prefix == "payment-required") return StatusReason::payment;
  if (prefix == "restricted") {
    const std::string text = lowered(message);
    const bool payment = text.find("pay") != std::string::npos || text.find("paid") != std::string::npos ||
                         text.find("subscri") != std::string::npos;
    return payment ? StatusReason::payment : restricted_reason;
  }
  return std::nullopt;
}

}  // namespace bigbrotr::models
