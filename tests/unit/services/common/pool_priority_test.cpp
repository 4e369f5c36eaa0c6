#include <sys/resource.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <algorithm>
#include <latch>
#include <mutex>
#include <vector>

#include "services/common/pool_priority.hpp"

namespace bigbrotr::services {
namespace {

// The nice value of each of the pool's threads, read by one task per thread.
std::vector<int> nice_values(boost::asio::thread_pool& pool, std::size_t threads) {
  std::latch started(static_cast<std::ptrdiff_t>(threads));
  std::latch finished(static_cast<std::ptrdiff_t>(threads));
  std::mutex mutex;
  std::vector<int> values;
  for (std::size_t thread = 0; thread < threads; ++thread) {
    boost::asio::post(pool, [&] {
      started.arrive_and_wait();
      const int value = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
      {
        std::lock_guard lock(mutex);
        values.push_back(value);
      }
      finished.count_down();
    });
  }
  finished.wait();
  return values;
}

TEST(PoolPriority, LowersEveryThreadOfThePoolAndNoOther) {
  const int own = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
  boost::asio::thread_pool pool(3);
  lower_pool_priority(pool, 3, 4);
  const std::vector<int> values = nice_values(pool, 3);
  pool.join();
  ASSERT_EQ(values.size(), 3U);
  // The pool's threads start at the creating thread's value; nice values stop at 19, the
  // lowest priority (a test run under `nice -n 19` is there already).
  for (const int value : values) EXPECT_EQ(value, std::min(own + 4, 19));
  EXPECT_EQ(::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid())), own);
}

}  // namespace
}  // namespace bigbrotr::services
