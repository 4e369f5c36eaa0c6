#include "services/refresher.hpp"

#include <chrono>

#include "core/store/store.hpp"

namespace bigbrotr::services {

Refresher::Refresher(core::RefresherConfig config, core::ServiceContext context)
    : config_(std::move(config)), context_(context) {}

void Refresher::run() {
  const auto now = std::chrono::steady_clock::now();
  const auto full_every = std::chrono::duration<double>(config_.base.interval);
  if (!last_full_ || now - *last_full_ >= full_every) {
    last_full_ = now;
    refresh_all();
    return;
  }
  refresh(config_.status_views);
}

RefreshOutcome Refresher::refresh(const std::vector<std::string>& views) {
  const auto& logger = context_.logger;
  auto& metrics = context_.metrics;
  RefreshOutcome outcome;
  metrics.set_gauge("views_total", static_cast<double>(views.size()));
  metrics.set_gauge("views_refreshed", 0);
  metrics.set_gauge("views_failed", 0);
  for (const std::string& view : views) {
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
  logger.info("refresh done", {{"views", views.size()},
                               {"refreshed", outcome.refreshed.size()},
                               {"failed", outcome.failed.size()}});
  return outcome;
}

}  // namespace bigbrotr::services
