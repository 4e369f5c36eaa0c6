#include "services/common/network_limiter.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <array>
#include <chrono>

namespace bigbrotr::services {
namespace {

namespace asio = boost::asio;
using models::NetworkType;
using namespace std::chrono_literals;

TEST(NetworkLimiter, EachNetworkHasItsOwnLimit) {
  core::NetworksConfig networks;
  networks.clearnet.max_tasks = 3;
  networks.tor.max_tasks = 1;
  asio::io_context io;
  NetworkLimiter limiter(io.get_executor(), networks);
  std::array<int, 6> running{};
  std::array<int, 6> most{};
  int finished = 0;
  auto task = [&](NetworkType network) -> asio::awaitable<void> {
    auto permit = co_await limiter.hold(network);
    const auto slot = static_cast<std::size_t>(network);
    most[slot] = std::max(most[slot], ++running[slot]);
    asio::steady_timer timer(io, 2ms);
    co_await timer.async_wait(asio::use_awaitable);
    --running[slot];
    ++finished;
  };
  for (int index = 0; index < 10; ++index) {
    asio::co_spawn(io, task(NetworkType::clearnet), asio::detached);
    asio::co_spawn(io, task(NetworkType::tor), asio::detached);
  }
  io.run_for(10s);
  EXPECT_EQ(finished, 20);
  EXPECT_EQ(most[static_cast<std::size_t>(NetworkType::clearnet)], 3);
  EXPECT_EQ(most[static_cast<std::size_t>(NetworkType::tor)], 1);
  EXPECT_EQ(limiter.semaphore(NetworkType::clearnet).available(), 3U);
}

TEST(AsyncSemaphore, PermitIsReleasedWhenTheHolderThrows) {
  asio::io_context io;
  AsyncSemaphore semaphore(io.get_executor(), 1);
  auto failing = [&]() -> asio::awaitable<void> {
    auto permit = co_await semaphore.hold();
    throw std::runtime_error("boom");
  };
  asio::co_spawn(io, failing(), [](std::exception_ptr) {});
  io.run_for(5s);
  EXPECT_EQ(semaphore.available(), 1U);
}

}  // namespace
}  // namespace bigbrotr::services
