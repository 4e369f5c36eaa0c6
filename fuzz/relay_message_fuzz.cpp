// Every WebSocket text message a relay sends goes through parse_relay_message first
// (EVENT, EOSE, OK, CLOSED, NOTICE, AUTH). The oracle: an EVENT's event is one
// Event::parse accepts too, since the synchronizer stores what this lets through.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <variant>

#include "models/machine_prefix.hpp"
#include "utils/transport/relay_message.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace utils = bigbrotr::utils;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto message = utils::parse_relay_message(text);
  if (!message) return 0;
  if (const auto* event = std::get_if<utils::EventMessage>(&message.value())) {
    const auto again = bigbrotr::models::Event::parse(event->event.to_json());
    if (!again || !(*again == event->event)) std::abort();
  }
  if (const auto* ok = std::get_if<utils::OkMessage>(&message.value())) {
    (void)bigbrotr::models::has_machine_prefix(ok->message, "auth-required");
  }
  return 0;
}
