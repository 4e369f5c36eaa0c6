#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <chrono>
#include <optional>
#include <utility>
#include <variant>

// A hard time cap on one awaitable, for the checks whose steps each have their own
// timeout but whose total must stay within the network timeout (nips.md §4–5).
// Include it from .cpp files only: the awaitable operators are heavy to compile.
namespace bigbrotr::nips {

// Runs `operation` on the calling coroutine's executor; when `timeout` passes first, the
// operation is cancelled (Asio per-operation cancellation) and the result is nullopt.
// T must be default-constructible (the parallel group's completion needs it).
template <class T>
boost::asio::awaitable<std::optional<T>> within_timeout(std::chrono::milliseconds timeout,
                                                        boost::asio::awaitable<T> operation) {
  using namespace boost::asio::experimental::awaitable_operators;
  boost::asio::steady_timer timer(co_await boost::asio::this_coro::executor, timeout);
  auto outcome =
      co_await (std::move(operation) || timer.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable)));
  if (outcome.index() != 0) co_return std::nullopt;
  co_return std::optional<T>(std::get<0>(std::move(outcome)));
}

}  // namespace bigbrotr::nips
