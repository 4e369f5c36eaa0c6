#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/config/refresher_config.hpp"
#include "core/service/service.hpp"
#include "core/service/service_context.hpp"

// The refresher (services.md §6): rebuilds the statistics views one after the other.
namespace bigbrotr::services {

// What one refresher cycle did, in view order.
struct RefreshOutcome {
  std::vector<std::string> refreshed;
  std::vector<std::string> failed;
};

class Refresher final : public core::Service {
 public:
  Refresher(core::RefresherConfig config, core::ServiceContext context);

  models::ServiceName name() const noexcept override { return models::ServiceName::refresher; }
  // Refreshes every configured view when `interval` has passed since the last full
  // refresh (the first cycle always does), else only the status views; see refresh.
  void run() override;

  // Refreshes `views` strictly one at a time (a concurrent refresh keeps each view
  // readable meanwhile, and views built on views need their inputs fresh first). A view
  // whose refresh fails with a StoreError is logged and counted and the next one still
  // runs; any other exception fails the cycle. A stop request ends the loop before the
  // next view. Gauges: views_total, views_refreshed, views_failed, duration_<view>.
  RefreshOutcome refresh(const std::vector<std::string>& views);
  // refresh(every configured view).
  RefreshOutcome refresh_all() { return refresh(config_.views); }

 private:
  core::RefresherConfig config_;
  core::ServiceContext context_;
  std::optional<std::chrono::steady_clock::time_point> last_full_;
};

}  // namespace bigbrotr::services
