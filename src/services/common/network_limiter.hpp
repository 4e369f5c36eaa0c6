#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <array>
#include <memory>

#include "core/config/networks_config.hpp"
#include "models/enums.hpp"
#include "services/common/async_semaphore.hpp"

// Per-network concurrency limits (services.md §0.5): at most `networks.<net>.max_tasks`
// relays of one network are worked on at once, whatever the other networks do. Built for
// every network, enabled or not (`unknown` gets one permit). Same threading rule as
// AsyncSemaphore: one single-threaded executor.
namespace bigbrotr::services {

class NetworkLimiter {
 public:
  NetworkLimiter(const boost::asio::any_io_executor& executor, const core::NetworksConfig& networks);

  // Waits for a free slot of `network` and holds it until the permit is destroyed.
  boost::asio::awaitable<AsyncSemaphore::Permit> hold(models::NetworkType network);
  AsyncSemaphore& semaphore(models::NetworkType network);

 private:
  static constexpr std::size_t kNetworks = 6;  // every NetworkType, `unknown` included
  std::array<std::unique_ptr<AsyncSemaphore>, kNetworks> semaphores_;
};

}  // namespace bigbrotr::services
