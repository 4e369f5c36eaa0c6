#include "services/refresher.hpp"

#include <chrono>

#include "core/store/store.hpp"

namespace bigbrotr::services {

Refresher::Refresher(core::RefresherConfig config, core::ServiceContext context)
    : config_(std::move(config)), context_(context) {}

void Refresher::run() { refresh_all(); }

RefreshOutcome Refresher::refresh_all() {
  const auto& logger = context_.logger;
  auto& metrics = context_.metrics;
  RefreshOutcome outcome;
  metrics.set_gauge("views_total", static_cast<double>(config_.views.size()));
  metrics.set_gauge("views_refreshed", 0);
  metrics.set_gauge("views_failed", 0);
  for (const std::string& view : config_.views) {
    if (context_.stop.stop_requested()) {
      logger.info("refresh stopped before the next view", {{"view", view}});
      break;
    }
    const auto started = std::chrono::steady_clock::now();
    try {
      context_.store.refresh_view(view);
    } catch (const core::store::StoreError& error) {
      outcome.failed.push_back(view);
      logger.error("view refresh failed", {{"view", view}, {"error", error.what()}});
      continue;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    metrics.set_gauge("duration_" + view, seconds);
    outcome.refreshed.push_back(view);
    logger.info("view refreshed", {{"view", view}, {"duration_s", seconds}});
  }
  metrics.set_gauge("views_refreshed", static_cast<double>(outcome.refreshed.size()));
  metrics.set_gauge("views_failed", static_cast<double>(outcome.failed.size()));
  logger.info("refresh done", {{"views", config_.views.size()},
                               {"refreshed", outcome.refreshed.size()},
                               {"failed", outcome.failed.size()}});
  return outcome;
}

}  // namespace bigbrotr::services
