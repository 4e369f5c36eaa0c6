#include <sys/resource.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <boost/asio/thread_pool.hpp>

#include <algorithm>
#include <mutex>
#include <vector>

#include "services/common/pool_priority.hpp"

namespace bigbrotr::services {
namespace {

// The nice value of each of the pool's threads.
std::vector<int> nice_values(boost::asio::thread_pool& pool, std::size_t threads) {
  std::mutex mutex;
  std::vector<int> values;
  run_on_every_thread(pool, threads, [&] {
    const int value = ::getpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()));
    std::lock_guard lock(mutex);
    values.push_back(value);
  });
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
