#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstddef>
#include <deque>
#include <optional>

// A bounded FIFO between coroutines of one single-threaded executor: push() waits while
// the queue is full (back-pressure on the producers), pop() waits while it is empty and
// returns nullopt once it is closed and drained. After close(), push() drops its item and
// returns false at once, so producers never wait for a consumer that is gone. Not
// thread-safe.
namespace bigbrotr::services {

template <class T>
class BoundedQueue {
 public:
  // `capacity` ≥ 1 items buffered before push() waits.
  BoundedQueue(const boost::asio::any_io_executor& executor, std::size_t capacity)
      : capacity_(capacity == 0 ? 1 : capacity), not_full_(executor), not_empty_(executor) {
    // Waits sleep on timers that never expire; a state change cancels one wait, and the
    // woken coroutine re-checks its condition.
    not_full_.expires_at(boost::asio::steady_timer::time_point::max());
    not_empty_.expires_at(boost::asio::steady_timer::time_point::max());
  }
  BoundedQueue(const BoundedQueue&) = delete;
  BoundedQueue& operator=(const BoundedQueue&) = delete;

  // Appends `item`; false (item dropped) when the queue is closed.
  boost::asio::awaitable<bool> push(T item) {
    while (items_.size() >= capacity_ && !closed_) {
      co_await not_full_.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    }
    if (closed_) co_return false;
    items_.push_back(std::move(item));
    not_empty_.cancel_one();
    co_return true;
  }

  // The oldest item, or nullopt when closed and empty.
  boost::asio::awaitable<std::optional<T>> pop() {
    while (items_.empty() && !closed_) {
      co_await not_empty_.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
    }
    if (items_.empty()) co_return std::nullopt;
    std::optional<T> item(std::move(items_.front()));
    items_.pop_front();
    not_full_.cancel_one();
    co_return item;
  }

  // No more pushes will come; pop() drains what is left, then returns nullopt.
  void close() {
    closed_ = true;
    not_empty_.cancel();
    not_full_.cancel();
  }
  bool closed() const noexcept { return closed_; }

  std::size_t size() const noexcept { return items_.size(); }

 private:
  std::size_t capacity_;
  std::deque<T> items_;
  bool closed_ = false;
  boost::asio::steady_timer not_full_;
  boost::asio::steady_timer not_empty_;
};

}  // namespace bigbrotr::services
