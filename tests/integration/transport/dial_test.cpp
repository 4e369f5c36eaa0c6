// dial() runs name lookups on a thread pool of its own while the caller's io_context
// waits (src/utils/transport/dial.cpp): what that must never break.
#include "utils/transport/dial.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "integration/transport/test_server.hpp"
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
    if (!dialled) {
      EXPECT_NE(dialled.kind(), TransportErrorKind::resolve) << dialled.reason();
    }
  }
  done = true;
  for (auto& thread : busy) thread.join();
}

// The redirect rule as the HTTP client applies it on every hop after the first: once a
// request reached a public address, no later hop may reach a local one, even with local
// targets allowed (the case a loopback test cannot stage end to end).
TEST(Dial, ARequiredScopeRefusesAddressesOfAnotherScope) {
  testing::TestServer server;
  TransportOptions options;
  options.allow_local = true;
  options.required_scope = models::AddressScope::global;
  for (const char* host : {"127.0.0.1", "localhost", "::1"}) {
    const auto dialled = run_sync(dial(host, server.port(), options));
    EXPECT_EQ(dialled.kind(), TransportErrorKind::refused_local) << host;
  }
  EXPECT_EQ(server.connections(), 0);
  options.required_scope = models::AddressScope::local;
  // The socket must close before run_sync destroys its io_context: only the verdict
  // leaves the coroutine.
  auto connects = [&]() -> boost::asio::awaitable<bool> {
    co_return (co_await dial("127.0.0.1", server.port(), options)).ok();
  };
  EXPECT_TRUE(run_sync(connects()));
}

}  // namespace
}  // namespace bigbrotr::utils
