#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

#include "models/event.hpp"
#include "models/relay.hpp"
#include "services/common/bounded_queue.hpp"
#include "services/monitor/publishing_clients.hpp"

// Sends each relay's kind 30166 to every discovery relay without making the checks wait
// for slow publishing relays: one sender coroutine per target drains its own bounded
// queue through PublishingClients (so a target is used by one coroutine at a time, and
// at most `publishing.max_in_flight` targets are sent to at once), and a full queue makes
// the checking workers wait (back-pressure, bounded memory). After a stop request the
// senders drain their queues at once (PublishingClients sends nothing new), so finish()
// ends within the stop grace.
//
// Threading: the single-threaded executor of the cycle.
namespace bigbrotr::services::monitor {

class DiscoveryFanout {
 public:
  // Called on the executor for every attempt (to count and log it).
  using AttemptObserver = std::function<void(const models::Relay& target, const models::Event& event,
                                             const PublishAttempt& attempt)>;

  // Events queued per target before enqueue() waits.
  static constexpr std::size_t kQueueCapacity = 64;

  // Starts one sender per target. `clients` must outlive finish().
  DiscoveryFanout(const boost::asio::any_io_executor& executor, std::vector<models::Relay> targets,
                  PublishingClients& clients, const AttemptObserver& observer);
  DiscoveryFanout(const DiscoveryFanout&) = delete;
  DiscoveryFanout& operator=(const DiscoveryFanout&) = delete;

  // Queues `event` for every target; waits while a target's queue is full.
  boost::asio::awaitable<void> enqueue(models::Event event);

  // No more events: waits until every sender has drained its queue and stopped.
  boost::asio::awaitable<void> finish();

 private:
  struct Lane {
    Lane(const boost::asio::any_io_executor& executor, models::Relay relay)
        : target(std::move(relay)), queue(executor, kQueueCapacity) {}
    models::Relay target;
    BoundedQueue<std::shared_ptr<const models::Event>> queue;
  };

  static boost::asio::awaitable<void> send_all(std::shared_ptr<Lane> lane, PublishingClients& clients,
                                               AttemptObserver observer, std::shared_ptr<std::size_t> running,
                                               std::shared_ptr<boost::asio::steady_timer> stopped);

  std::vector<std::shared_ptr<Lane>> lanes_;
  std::shared_ptr<std::size_t> running_;
  // Waited on by finish(); each sender cancels it when it ends.
  std::shared_ptr<boost::asio::steady_timer> stopped_;
};

}  // namespace bigbrotr::services::monitor
