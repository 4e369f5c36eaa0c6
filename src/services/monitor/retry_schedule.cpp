#include "services/monitor/retry_schedule.hpp"

#include <algorithm>
#include <cmath>

namespace bigbrotr::services::monitor {

std::chrono::milliseconds retry_delay(const core::RetryPolicy& policy, int attempt, double jitter_draw) {
  const double backoff = std::min(policy.initial_delay * std::pow(2.0, attempt), policy.max_delay);
  const double seconds = backoff + std::clamp(jitter_draw, 0.0, 1.0) * policy.jitter;
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(seconds * 1000.0)));
}

std::vector<models::MetadataType> types_to_retry(const nips::RelayCheckReport& report,
                                                 const core::PerMetadataType<core::RetryPolicy>& retries,
                                                 int attempt) {
  std::vector<models::MetadataType> failed;
  for (const auto& [type, result] : report.results) {
    if (!result.succeeded() && retries[type].max_attempts > attempt) failed.push_back(type);
  }
  return failed;
}

std::vector<models::MetadataType> rerun_types(const std::vector<models::MetadataType>& failed,
                                              const nips::RelayCheckReport& report) {
  std::vector<models::MetadataType> types = failed;
  const auto has = [&](models::MetadataType type) { return std::ranges::find(types, type) != types.end(); };
  if (has(models::MetadataType::nip66_rtt) && !has(models::MetadataType::nip11_info) &&
      report.find(models::MetadataType::nip11_info) != nullptr) {
    types.push_back(models::MetadataType::nip11_info);
  }
  // run_relay_checks reports in all_metadata_types() order whatever the request order;
  // keep the request in that order too so logs read the same.
  std::ranges::sort(types);
  return types;
}

void merge_retried(nips::RelayCheckReport& report, const nips::RelayCheckReport& retried,
                   const std::vector<models::MetadataType>& types) {
  for (auto& [type, result] : report.results) {
    if (std::ranges::find(types, type) == types.end()) continue;
    if (const nips::CheckResult* again = retried.find(type)) result = *again;
  }
  // The status is the rtt probe's: a retried probe's verdict replaces the first one.
  if (retried.status && std::ranges::find(types, models::MetadataType::nip66_rtt) != types.end())
    report.status = retried.status;
}

}  // namespace bigbrotr::services::monitor
