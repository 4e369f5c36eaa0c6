#pragma once

#include <chrono>
#include <cstddef>
#include <random>
#include <vector>

#include "core/config/metadata_flags.hpp"
#include "core/config/monitor_config.hpp"
#include "models/enums.hpp"
#include "nips/relay_checks.hpp"

// The monitor's retry wrapper (services.md §4): a failed check is tried again up to
// `processing.retries.<type>.max_attempts` times, sleeping
// min(initial_delay · 2^attempt, max_delay) + uniform(0, jitter) between tries.
namespace bigbrotr::services::monitor {

// The pause before retry number `attempt` (0 = the first retry). `jitter_draw` ∈ [0, 1)
// scales the policy's jitter, so the schedule itself is deterministic for tests.
std::chrono::milliseconds retry_delay(const core::RetryPolicy& policy, int attempt, double jitter_draw);

// The types of `report` whose check failed and whose policy still allows a retry after
// `attempt` retries, in the report's order.
std::vector<models::MetadataType> types_to_retry(const nips::RelayCheckReport& report,
                                                 const core::PerMetadataType<core::RetryPolicy>& retries,
                                                 int attempt);

// What to run again for `failed`: the failed types, plus nip11_info when nip66_rtt is
// retried and nip11 was computed, because the NIP-11 document's min_pow_difficulty feeds
// the rtt write probe (its new result is not kept when the first one succeeded).
std::vector<models::MetadataType> rerun_types(const std::vector<models::MetadataType>& failed,
                                              const nips::RelayCheckReport& report);

// Replaces, in `report`, the result of each of `types` with the one in `retried`.
void merge_retried(nips::RelayCheckReport& report, const nips::RelayCheckReport& retried,
                   const std::vector<models::MetadataType>& types);

// Draws jitter for retry_delay. One per cycle; not thread-safe (the cycle's single
// I/O thread uses it).
class JitterSource {
 public:
  JitterSource() : engine_(std::random_device{}()) {}
  double draw() { return std::uniform_real_distribution<double>(0.0, 1.0)(engine_); }

 private:
  std::mt19937_64 engine_;
};

}  // namespace bigbrotr::services::monitor
