#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <type_traits>
#include <utility>

// Runs a blocking call (a Store query) on a thread pool and resumes the awaiting coroutine
// on its own executor with the result, so the I/O thread never blocks. An exception of
// the call is rethrown in the awaiting coroutine. The result type must be
// default-constructible (co_spawn's completion signature needs it).
namespace bigbrotr::services {

template <class Function>
boost::asio::awaitable<std::invoke_result_t<Function&>> run_blocking(boost::asio::thread_pool& pool,
                                                                     Function function) {
  using Value = std::invoke_result_t<Function&>;
  auto call = [function = std::move(function)]() mutable -> boost::asio::awaitable<Value> {
    co_return function();
  };
  co_return co_await boost::asio::co_spawn(pool, std::move(call), boost::asio::use_awaitable);
}

}  // namespace bigbrotr::services
