#include "services/common/network_limiter.hpp"

#include <algorithm>

namespace bigbrotr::services {

NetworkLimiter::NetworkLimiter(const boost::asio::any_io_executor& executor,
                               const core::NetworksConfig& networks) {
  for (const models::NetworkType network : models::all_network_types()) {
    const auto permits = static_cast<std::size_t>(std::max(1, networks[network].max_tasks));
    semaphores_.at(static_cast<std::size_t>(network)) = std::make_unique<AsyncSemaphore>(executor, permits);
  }
}

AsyncSemaphore& NetworkLimiter::semaphore(models::NetworkType network) {
  return *semaphores_.at(static_cast<std::size_t>(network));
}

boost::asio::awaitable<AsyncSemaphore::Permit> NetworkLimiter::hold(models::NetworkType network) {
  return semaphore(network).hold();
}

}  // namespace bigbrotr::services
