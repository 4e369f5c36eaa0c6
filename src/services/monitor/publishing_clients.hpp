#pragma once

#include <boost/asio/awaitable.hpp>

#include <map>
#include <optional>
#include <string>

#include "core/config/networks_config.hpp"
#include "models/event.hpp"
#include "models/relay.hpp"
#include "utils/keys.hpp"
#include "utils/transport/relay_client.hpp"

// The monitor's connections to the relays it publishes to, for one cycle (services.md
// §4 step 2): each is opened lazily on the first event for that relay and reused; a relay
// that failed to connect is not tried again in the cycle. A connection that breaks while
// sending is dropped and may be opened again for a later event.
//
// Threading: one single-threaded executor; at most one coroutine uses a given target at
// a time (callers publish to one target from one coroutine), different targets may be
// used concurrently.
namespace bigbrotr::services::monitor {

// What one send to one relay came to.
struct PublishAttempt {
  enum class Outcome { accepted, rejected, send_failed, unreachable };
  Outcome outcome = Outcome::unreachable;
  // The relay's OK message or the transport's reason.
  std::string reason;

  bool answered() const noexcept { return outcome == Outcome::accepted || outcome == Outcome::rejected; }
};

class PublishingClients {
 public:
  // `keys` answer NIP-42 challenges; `allow_insecure` is processing.allow_insecure.
  PublishingClients(core::NetworksConfig networks, bool allow_insecure, utils::Keys keys);
  PublishingClients(const PublishingClients&) = delete;
  PublishingClients& operator=(const PublishingClients&) = delete;

  // Sends `event` to `target` (connecting first when needed) and waits for its OK.
  boost::asio::awaitable<PublishAttempt> publish(models::Relay target, models::Event event);

  // Closes every open connection (bounded). Call once no publish is running.
  boost::asio::awaitable<void> close_all();

 private:
  struct Target {
    std::optional<utils::RelayClient> client;
    // Set after a failed connect: the reason every later publish reports at once.
    std::optional<std::string> unreachable;
  };

  boost::asio::awaitable<void> connect(const models::Relay& target, Target& state);

  core::NetworksConfig networks_;
  bool allow_insecure_;
  utils::Keys keys_;
  // std::map: entries keep their address while other coroutines add targets.
  std::map<std::string, Target> targets_;
};

}  // namespace bigbrotr::services::monitor
