#include "services/monitor/relay_checker.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>

namespace bigbrotr::services::monitor {

namespace asio = boost::asio;

namespace {
// How often a pause looks at the stop signal, which has no asynchronous wait.
constexpr std::chrono::milliseconds kStopPollInterval{100};
}  // namespace

asio::awaitable<bool> pause_unless_stopped(std::chrono::milliseconds duration, const core::StopSignal& stop) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  const auto deadline = std::chrono::steady_clock::now() + duration;
  while (!stop.stop_requested()) {
    const auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) co_return true;
    timer.expires_after(std::min<std::chrono::steady_clock::duration>(left, kStopPollInterval));
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  }
  co_return false;
}

asio::awaitable<std::optional<nips::RelayCheckReport>> check_relay(models::Relay relay,
                                                                   nips::RelayCheckOptions options,
                                                                   const RelayCheckPlan& plan) {
  std::optional<nips::RelayCheckReport> report =
      co_await nips::run_relay_checks(relay, plan.types, options, *plan.blocking_pool);
  for (int attempt = 0;; ++attempt) {
    const std::vector<models::MetadataType> failed = types_to_retry(*report, *plan.retries, attempt);
    if (failed.empty()) break;
    std::chrono::milliseconds pause{0};
    for (const models::MetadataType type : failed) {
      pause = std::max(pause, retry_delay((*plan.retries)[type], attempt, plan.jitter->draw()));
    }
    if (!co_await pause_unless_stopped(pause, *plan.stop)) co_return std::nullopt;
    const std::vector<models::MetadataType> rerun = rerun_types(failed, *report);
    const nips::RelayCheckReport retried =
        co_await nips::run_relay_checks(relay, rerun, options, *plan.blocking_pool);
    merge_retried(*report, retried, failed);
  }
  co_return report;
}

}  // namespace bigbrotr::services::monitor
