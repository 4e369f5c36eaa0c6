#include "services/monitor/discovery_fanout.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace bigbrotr::services::monitor {

namespace asio = boost::asio;

DiscoveryFanout::DiscoveryFanout(const asio::any_io_executor& executor, std::vector<models::Relay> targets,
                                 PublishingClients& clients, const AttemptObserver& observer)
    : running_(std::make_shared<std::size_t>(0)), stopped_(std::make_shared<asio::steady_timer>(executor)) {
  stopped_->expires_at(asio::steady_timer::time_point::max());
  for (models::Relay& target : targets) {
    auto lane = std::make_shared<Lane>(executor, std::move(target));
    lanes_.push_back(lane);
    ++*running_;
    asio::co_spawn(executor, send_all(lane, clients, observer, running_, stopped_), asio::detached);
  }
}

asio::awaitable<void> DiscoveryFanout::send_all(std::shared_ptr<Lane> lane, PublishingClients& clients,
                                                AttemptObserver observer,
                                                std::shared_ptr<std::size_t> running,
                                                std::shared_ptr<asio::steady_timer> stopped) {
  while (auto event = co_await lane->queue.pop()) {
    PublishAttempt attempt;
    try {
      attempt = co_await clients.publish(lane->target, **event);
    } catch (const std::exception& error) {
      // A sender that died would leave finish() waiting forever; count it as a failed send.
      attempt = PublishAttempt{PublishAttempt::Outcome::send_failed, error.what()};
    }
    observer(lane->target, **event, attempt);
  }
  --*running;
  stopped->cancel();
}

asio::awaitable<void> DiscoveryFanout::enqueue(models::Event event) {
  const auto shared = std::make_shared<const models::Event>(std::move(event));
  for (const auto& lane : lanes_) co_await lane->queue.push(shared);
}

asio::awaitable<void> DiscoveryFanout::finish() {
  for (const auto& lane : lanes_) lane->queue.close();
  while (*running_ > 0) {
    co_await stopped_->async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

}  // namespace bigbrotr::services::monitor
