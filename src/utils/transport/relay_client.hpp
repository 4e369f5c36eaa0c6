#pragma once

#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "models/event.hpp"
#include "models/relay.hpp"
#include "utils/keys.hpp"
#include "utils/transport/relay_message.hpp"
#include "utils/transport/transport_error.hpp"
#include "utils/transport/transport_options.hpp"
#include "utils/transport/websocket.hpp"

// A Nostr client for one relay (NIP-01, NIP-42) on top of WebSocketConnection.
namespace bigbrotr::utils {

struct RelayClientOptions {
  TransportOptions transport;
  // When set, AUTH challenges are answered with a signed kind 22242 event (NIP-42).
  std::optional<Keys> keys;
};

// What the client skipped or did on its own; for metrics.
struct RelayClientCounters {
  std::uint64_t malformed = 0;  // unparseable or wrongly shaped messages, skipped
  std::uint64_t unknown = 0;    // well-formed JSON of a type we do not handle (COUNT, ...)
  std::uint64_t auth_sent = 0;  // AUTH events sent in answer to challenges
};

// One connection to one relay. Move-only; not thread-safe (one coroutine at a time).
// Malformed messages never end the connection: they are counted and skipped.
class RelayClient {
 public:
  // Connects (connect_websocket) without sending anything.
  static boost::asio::awaitable<TransportResult<RelayClient>> connect(models::Relay relay,
                                                                      RelayClientOptions options);

  // Sends ["REQ", id, filter]; the relay's answers then arrive through next().
  boost::asio::awaitable<TransportResult<Done>> subscribe(boost::json::object filter,
                                                          std::string subscription_id);
  // Sends ["CLOSE", id].
  boost::asio::awaitable<TransportResult<Done>> unsubscribe(std::string subscription_id);

  // The next well-formed message, waiting at most `timeout` overall (transport
  // read_timeout when omitted), skipping (and counting) malformed ones; at most 1000
  // are skipped per call before it fails with protocol. An AUTH challenge is answered
  // first when keys are set, then returned. A timeout or transport error closes the
  // connection.
  boost::asio::awaitable<TransportResult<RelayMessage>> next();
  boost::asio::awaitable<TransportResult<RelayMessage>> next(std::chrono::milliseconds timeout);

  // Sends ["EVENT", event] and waits (read_timeout overall) for the OK carrying its id.
  // Messages that arrive meanwhile are kept (up to 1000) and returned by next() later.
  // A rejection with "auth-required:" is retried once after answering the relay's
  // challenge, when keys are set. Returns the relay's OK (accepted or not).
  boost::asio::awaitable<TransportResult<OkMessage>> publish(models::Event event);

  // Signs and sends ["AUTH", event] for `challenge`; fails (invalid_target) without keys.
  boost::asio::awaitable<TransportResult<Done>> authenticate(std::string challenge);

  // Closes the WebSocket (bounded). Idempotent.
  boost::asio::awaitable<void> close();

  const models::Relay& relay() const noexcept { return relay_; }
  const RelayClientCounters& counters() const noexcept { return counters_; }
  const WebSocketConnection& connection() const noexcept { return connection_; }
  // The last challenge the relay sent, if any.
  const std::optional<std::string>& challenge() const noexcept { return challenge_; }

 private:
  RelayClient(models::Relay relay, RelayClientOptions options, WebSocketConnection connection);

  boost::asio::awaitable<TransportResult<RelayMessage>> receive(
      std::chrono::steady_clock::time_point deadline);
  boost::asio::awaitable<TransportResult<OkMessage>> await_ok(const std::string& event_id);

  models::Relay relay_;
  RelayClientOptions options_;
  WebSocketConnection connection_;
  RelayClientCounters counters_;
  std::optional<std::string> challenge_;
  std::deque<RelayMessage> pending_;
};

}  // namespace bigbrotr::utils
