#include "services/monitor/stop_grace.hpp"

#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace bigbrotr::services::monitor {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

// How often a bounded operation looks at the stop signal (as pause_unless_stopped does).
constexpr std::chrono::milliseconds kStopPollInterval{100};

// `operation` with its exception kept aside: the parallel group behind `||` only ends
// early when a side *succeeds*, so a side that threw would leave it waiting for the
// grace, which without a stop never comes.
asio::awaitable<void> settled(asio::awaitable<void> operation, std::exception_ptr& failure) {
  try {
    co_await std::move(operation);
  } catch (...) {
    failure = std::current_exception();
  }
}

}  // namespace

std::optional<Clock::time_point> StopGrace::deadline() {
  if (!stop_seen_at_ && stop_.stop_requested()) stop_seen_at_ = Clock::now();
  if (!stop_seen_at_) return std::nullopt;
  return *stop_seen_at_ + grace_;
}

bool StopGrace::over() {
  const auto end = deadline();
  return end && Clock::now() >= *end;
}

asio::awaitable<void> StopGrace::expiry() {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  std::optional<Clock::time_point> end;
  while (!(end = deadline())) {
    timer.expires_after(kStopPollInterval);
    co_await timer.async_wait(asio::use_awaitable);
  }
  timer.expires_at(*end);
  co_await timer.async_wait(asio::use_awaitable);
}

asio::awaitable<bool> StopGrace::bound(asio::awaitable<void> operation) {
  using namespace asio::experimental::awaitable_operators;
  std::exception_ptr failure;
  // Named locals, not temporaries inside the co_await expression (g++ 12 destroys those
  // twice).
  auto work = settled(std::move(operation), failure);
  auto grace = expiry();
  const auto winner = co_await (std::move(work) || std::move(grace));
  if (winner.index() != 0) co_return false;  // a failure here is the cancellation's
  if (failure) std::rethrow_exception(failure);
  co_return true;
}

}  // namespace bigbrotr::services::monitor
