#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "models/event.hpp"
#include "models/result.hpp"
#include "utils/keys.hpp"

// The NIP-01 / NIP-42 messages between a client and a relay: defensive parsing of what a
// relay sends, and building what we send. Pure functions, no I/O.
namespace bigbrotr::utils {

// ["EVENT", <subscription_id>, <event>]. The event is well-formed (models::Event::from_json)
// but its id and signature are NOT checked here: that is CPU work for a validator stage.
struct EventMessage {
  std::string subscription_id;
  models::Event event;
};
// ["EOSE", <subscription_id>]
struct EoseMessage {
  std::string subscription_id;
};
// ["OK", <event_id>, <true|false>, <message>]
struct OkMessage {
  std::string event_id;
  bool accepted = false;
  std::string message;
};
// ["NOTICE", <message>]
struct NoticeMessage {
  std::string message;
};
// ["CLOSED", <subscription_id>, <message>]
struct ClosedMessage {
  std::string subscription_id;
  std::string message;
};
// ["AUTH", <challenge>] (NIP-42)
struct AuthMessage {
  std::string challenge;
};

using RelayMessage =
    std::variant<EventMessage, EoseMessage, OkMessage, NoticeMessage, ClosedMessage, AuthMessage>;

// Parses one relay-to-client message. Never throws, whatever the bytes. Fails with
// "invalid JSON", "not a JSON array", "unknown message type: <type>" (e.g. COUNT),
// or "malformed <TYPE> message[: <why>]". Lenient where relays commonly are sloppy: the
// message of OK and CLOSED may be missing (read as ""), extra trailing elements are
// ignored.
models::Result<RelayMessage> parse_relay_message(std::string_view text);

// ["REQ", <subscription_id>, <filter>...]
std::string make_req_message(std::string_view subscription_id, std::span<const boost::json::object> filters);
// ["CLOSE", <subscription_id>]
std::string make_close_message(std::string_view subscription_id);
// ["EVENT", <event>]
std::string make_event_message(const models::Event& event);
// ["AUTH", <event>]
std::string make_auth_message(const models::Event& auth_event);

// The NIP-42 kind 22242 event answering `challenge` from the relay at `relay_url`, signed
// with `keys` at `created_at` (Unix seconds).
models::Event make_auth_event(const Keys& keys, std::string_view relay_url, std::string_view challenge,
                              std::int64_t created_at);

}  // namespace bigbrotr::utils
