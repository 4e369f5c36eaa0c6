// dial() runs name lookups on a thread pool of its own while the caller's io_context
// waits (src/utils/transport/dial.cpp): what that must never break.
#include "utils/transport/dial.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "integration/transport/test_support.hpp"

namespace bigbrotr::utils {
namespace {

using testing::run_sync;

TEST(Dial, AnIoContextMayEndAsSoonAsItsLookupIsAnswered) {
  // A lookup's state belongs to the caller's io_context, which each run_sync destroys the
  // moment run() returns, while the pool thread that answered may still be finishing.
  // Repeated so that the two race: a use-after-free there was caught once under ASan.
  // Busy threads on every core make it likely that the pool thread is preempted in the
  // middle of handing the answer back.
  std::atomic<bool> done{false};
  std::vector<std::thread> busy;
  for (unsigned core = 0; core < 2 * std::max(1U, std::thread::hardware_concurrency()); ++core) {
    busy.emplace_back([&done] {
      while (!done.load(std::memory_order_relaxed)) {
      }
    });
  }
  TransportOptions options;
  options.allow_local = true;
  options.connect_timeout = std::chrono::seconds(2);
  for (int attempt = 0; attempt < 1000 && !::testing::Test::HasFailure(); ++attempt) {
    auto dialled = run_sync(dial("localhost", 9, options));
    if (!dialled) EXPECT_NE(dialled.kind(), TransportErrorKind::resolve) << dialled.reason();
  }
  done = true;
  for (auto& thread : busy) thread.join();
}

}  // namespace
}  // namespace bigbrotr::utils
