#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cstddef>

// A counting semaphore for coroutines that share one single-threaded executor (one
// io_context run by one thread, as every service's concurrent phase is). Not thread-safe:
// all calls come from coroutines of that executor.
namespace bigbrotr::services {

class AsyncSemaphore {
 public:
  // `permits` ≥ 1 concurrent holders.
  AsyncSemaphore(const boost::asio::any_io_executor& executor, std::size_t permits);
  AsyncSemaphore(const AsyncSemaphore&) = delete;
  AsyncSemaphore& operator=(const AsyncSemaphore&) = delete;

  // Suspends until a permit is free and takes it. Pair with release(), or hold a Permit.
  boost::asio::awaitable<void> acquire();
  void release() noexcept;  // NOLINT(bugprone-exception-escape): see the definition
  std::size_t available() const noexcept { return available_; }

  // A held permit, released when destroyed (also when the holder's coroutine throws).
  class Permit {
   public:
    explicit Permit(AsyncSemaphore& semaphore) noexcept : semaphore_(&semaphore) {}
    Permit(Permit&& other) noexcept : semaphore_(other.semaphore_) { other.semaphore_ = nullptr; }
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;
    Permit& operator=(Permit&&) = delete;
    ~Permit() {  // NOLINT(bugprone-exception-escape): release() is noexcept
      if (semaphore_ != nullptr) semaphore_->release();
    }

   private:
    AsyncSemaphore* semaphore_;
  };

  // acquire() wrapped in a Permit.
  boost::asio::awaitable<Permit> hold();

 private:
  std::size_t available_;
  // Waiters sleep on a timer that never expires; release() cancels one wait to wake one
  // waiter, which re-checks the count (a wake-up with no waiter is harmless).
  boost::asio::steady_timer wake_;
};

}  // namespace bigbrotr::services
