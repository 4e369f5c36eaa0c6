#include "nips/relay_claims.hpp"

#include <boost/json/object.hpp>

namespace bigbrotr::nips {
namespace {

using models::ClaimMismatch;
using models::StatusReason;

// limitation.<key> of a NIP-11 result's data, or nullptr.
const boost::json::value* limitation(const CheckResult& nip11, std::string_view key) {
  const auto* section = nip11.data.if_contains("limitation");
  if (section == nullptr || !section->is_object()) return nullptr;
  return section->get_object().if_contains(key);
}

bool claims_true(const CheckResult& nip11, std::string_view key) {
  const auto* value = limitation(nip11, key);
  return value != nullptr && value->is_bool() && value->get_bool();
}

bool claims_positive(const CheckResult& nip11, std::string_view key) {
  const auto* value = limitation(nip11, key);
  return value != nullptr && value->is_int64() && value->get_int64() > 0;
}

}  // namespace

std::vector<ClaimMismatch> claim_mismatches(const RelayCheckReport& report) {
  std::vector<ClaimMismatch> mismatches;
  const CheckResult* nip11 = report.find(models::MetadataType::nip11_info);
  if (!report.status || nip11 == nullptr) return mismatches;
  const models::StatusVerdict& status = *report.status;
  if (!nip11->succeeded()) {
    if (status.answered()) mismatches.push_back(ClaimMismatch::nip11_unreachable);
    return mismatches;
  }
  // Served without a challenge: NIP-42's auth_required means nothing else is allowed
  // before authentication, so any answer to our REQ or event contradicts it.
  if (status.status == models::RelayStatus::up && !status.auth_challenged &&
      claims_true(*nip11, "auth_required"))
    mismatches.push_back(ClaimMismatch::auth_not_enforced);
  if (status.status != models::RelayStatus::restricted) return mismatches;
  if (status.reason == StatusReason::auth && !claims_true(*nip11, "auth_required"))
    mismatches.push_back(ClaimMismatch::auth_undeclared);
  if (status.reason == StatusReason::payment && !claims_true(*nip11, "payment_required"))
    mismatches.push_back(ClaimMismatch::payment_undeclared);
  if (status.reason == StatusReason::pow && !claims_positive(*nip11, "min_pow_difficulty"))
    mismatches.push_back(ClaimMismatch::pow_undeclared);
  return mismatches;
}

}  // namespace bigbrotr::nips
