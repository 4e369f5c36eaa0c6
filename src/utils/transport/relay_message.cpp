#include "utils/transport/relay_message.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace bigbrotr::utils {
namespace {

namespace json = boost::json;
using models::fail;
using models::Result;

constexpr std::uint16_t kClientAuthKind = 22242;

const json::string* string_at(const json::array& message, std::size_t index) {
  return index < message.size() ? message[index].if_string() : nullptr;
}

std::string optional_string_at(const json::array& message, std::size_t index) {
  const json::string* value = string_at(message, index);
  return value ? std::string(*value) : std::string();
}

Result<RelayMessage> malformed(std::string_view type) {
  return fail("malformed " + std::string(type) + " message");
}

Result<RelayMessage> parse_event(const json::array& message) {
  const json::string* subscription = string_at(message, 1);
  const json::object* object = message.size() > 2 ? message[2].if_object() : nullptr;
  if (!subscription || !object) return malformed("EVENT");
  auto event = models::Event::from_json(*object);
  if (!event) return fail("malformed EVENT message: " + event.reason());
  return RelayMessage{EventMessage{std::string(*subscription), std::move(event).value()}};
}

Result<RelayMessage> parse_ok(const json::array& message) {
  const json::string* id = string_at(message, 1);
  const bool* accepted = message.size() > 2 ? message[2].if_bool() : nullptr;
  if (!id || !accepted) return malformed("OK");
  return RelayMessage{OkMessage{std::string(*id), *accepted, optional_string_at(message, 3)}};
}

Result<RelayMessage> parse_typed(std::string_view type, const json::array& message) {
  if (type == "EVENT") return parse_event(message);
  if (type == "OK") return parse_ok(message);
  const json::string* first = string_at(message, 1);
  if (type == "EOSE") return first ? Result<RelayMessage>(EoseMessage{std::string(*first)}) : malformed(type);
  if (type == "NOTICE")
    return first ? Result<RelayMessage>(NoticeMessage{std::string(*first)}) : malformed(type);
  if (type == "AUTH") return first ? Result<RelayMessage>(AuthMessage{std::string(*first)}) : malformed(type);
  if (type == "CLOSED") {
    if (!first) return malformed(type);
    return RelayMessage{ClosedMessage{std::string(*first), optional_string_at(message, 2)}};
  }
  return fail("unknown message type: " + std::string(type.substr(0, 32)));
}

}  // namespace

Result<RelayMessage> parse_relay_message(std::string_view text) {
  json::error_code ec;
  // Default parse options: max depth 32, so deeply nested junk cannot exhaust the stack.
  json::value value = json::parse(text, ec);
  if (ec) return fail("invalid JSON");
  const json::array* message = value.if_array();
  if (!message) return fail("not a JSON array");
  const json::string* type = string_at(*message, 0);
  if (!type) return fail("malformed message: no type");
  return parse_typed(std::string_view(*type), *message);
}

std::string make_req_message(std::string_view subscription_id, std::span<const json::object> filters) {
  json::array message{"REQ", json::string(subscription_id)};
  for (const json::object& filter : filters) message.emplace_back(filter);
  return json::serialize(message);
}

std::string make_close_message(std::string_view subscription_id) {
  return json::serialize(json::array{"CLOSE", json::string(subscription_id)});
}

std::string make_event_message(const models::Event& event) {
  std::string out = R"(["EVENT",)";
  event.append_json(out);
  out += ']';
  return out;
}

std::string make_auth_message(const models::Event& auth_event) {
  std::string out = R"(["AUTH",)";
  auth_event.append_json(out);
  out += ']';
  return out;
}

models::Event make_auth_event(const Keys& keys, std::string_view relay_url, std::string_view challenge,
                              std::int64_t created_at) {
  models::EventTags tags{{"relay", std::string(relay_url)}, {"challenge", std::string(challenge)}};
  return models::Event::sign(created_at, kClientAuthKind, std::move(tags), "", keys.secret_key());
}

}  // namespace bigbrotr::utils
