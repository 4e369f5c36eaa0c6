#pragma once

#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <exception>
#include <optional>

#include "core/service/stop_signal.hpp"

// How long the monitor's sends may go on once a stop is requested. Before the request
// nothing is bounded here (each send has its network timeouts); from the moment the
// request is first seen, every bounded operation has until that moment + `grace`, then is
// cancelled. So a SIGTERM ends publishing within the grace however many publishing relays
// hang, instead of one network timeout per relay.
//
// Threading: one single-threaded executor (the cycle's). The StopSignal has no
// asynchronous wait, so bounded operations look at it every 100 ms.
namespace bigbrotr::services::monitor {

class StopGrace {
 public:
  // `stop` must outlive this object.
  StopGrace(const core::StopSignal& stop, std::chrono::milliseconds grace) noexcept
      : stop_(stop), grace_(grace) {}
  StopGrace(const StopGrace&) = delete;
  StopGrace& operator=(const StopGrace&) = delete;

  bool stop_requested() const noexcept { return stop_.stop_requested(); }
  // True once a stop was requested and its grace has passed: nothing more may be sent.
  bool over();

  // Runs `operation` on the calling coroutine's executor until it ends or the grace after
  // a stop request is over; then it is cancelled (Asio per-operation cancellation, its
  // pending wait ends with operation_aborted) and this returns false once it has wound
  // down. True when it ran to its end; its own exception then propagates.
  boost::asio::awaitable<bool> bound(boost::asio::awaitable<void> operation);

 private:
  // The end of the grace, once a stop request was seen (the first look that sees it
  // starts the grace).
  std::optional<std::chrono::steady_clock::time_point> deadline();
  // Completes when the grace is over.
  boost::asio::awaitable<void> expiry();

  const core::StopSignal& stop_;
  std::chrono::milliseconds grace_;
  std::optional<std::chrono::steady_clock::time_point> stop_seen_at_;
};

}  // namespace bigbrotr::services::monitor
