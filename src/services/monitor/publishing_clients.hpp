#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include "core/config/monitor_config.hpp"
#include "core/service/stop_signal.hpp"
#include "models/event.hpp"
#include "models/relay.hpp"
#include "services/common/async_semaphore.hpp"
#include "services/monitor/stop_grace.hpp"
#include "utils/keys.hpp"
#include "utils/transport/relay_client.hpp"

// The monitor's connections to the relays it publishes to, for one cycle (services.md
// §4 step 2): each is opened lazily on the first event for that relay and reused; a relay
// that failed to connect is not tried again in the cycle. A connection that breaks while
// sending is dropped and may be opened again for a later event.
//
// Bounds: at most `publishing.max_in_flight` sends (connect + send + OK) run at once,
// whoever asks. Once a stop is requested no new connection is opened, and sends already
// running get kStopGrace more before they are cancelled (StopGrace).
//
// Threading: one single-threaded executor; at most one coroutine uses a given target at
// a time (callers publish to one target from one coroutine), different targets may be
// used concurrently.
namespace bigbrotr::services::monitor {

// What one send to one relay came to.
struct PublishAttempt {
  // stopped: not sent, or cut short, because the service is stopping.
  enum class Outcome { accepted, rejected, send_failed, unreachable, stopped };
  Outcome outcome = Outcome::unreachable;
  // The relay's OK message or the transport's reason.
  std::string reason;

  bool answered() const noexcept { return outcome == Outcome::accepted || outcome == Outcome::rejected; }
};

class PublishingClients {
 public:
  // How long sends may go on after a stop request: long enough for a relay that answers
  // to answer, far shorter than a service manager's stop timeout.
  static constexpr std::chrono::milliseconds kStopGrace{std::chrono::seconds(2)};

  // Reads `networks`, `processing.allow_insecure` and `publishing.max_in_flight` from
  // `config`; `keys` answer NIP-42 challenges. `stop` must outlive this object.
  PublishingClients(const boost::asio::any_io_executor& executor, const core::MonitorConfig& config,
                    utils::Keys keys, const core::StopSignal& stop);
  PublishingClients(const PublishingClients&) = delete;
  PublishingClients& operator=(const PublishingClients&) = delete;

  // Sends `event` to `target` (connecting first when needed) and waits for its OK; waits
  // first while max_in_flight sends are running. Never throws for what a relay does.
  boost::asio::awaitable<PublishAttempt> publish(models::Relay target, models::Event event);

  // Closes every open connection, max_in_flight at a time, within the stop grace; after
  // a stop request the connections are dropped without a close handshake. Call once no
  // publish is running.
  boost::asio::awaitable<void> close_all();

 private:
  struct Target {
    std::optional<utils::RelayClient> client;
    // Set after a failed connect: the reason every later publish reports at once.
    std::optional<std::string> unreachable;
  };

  boost::asio::awaitable<void> connect(const models::Relay& target, Target& state);
  // connect (when needed) and send, the result in `attempt`.
  boost::asio::awaitable<void> send(const models::Relay& target, models::Event event, Target& state,
                                    PublishAttempt& attempt);

  core::NetworksConfig networks_;
  bool allow_insecure_;
  utils::Keys keys_;
  std::size_t max_in_flight_;
  AsyncSemaphore sending_;
  StopGrace grace_;
  // std::map: entries keep their address while other coroutines add targets.
  std::map<std::string, Target> targets_;
};

}  // namespace bigbrotr::services::monitor
