// Event::parse reads every event a relay sends (inside EVENT messages) and every line of
// `bigbrotr event verify`. Beyond the sanitizers, the oracle is the round trip the header
// promises: an accepted event parses back from its own wire form unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "models/event.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using bigbrotr::models::Event;
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  const auto event = Event::parse(json);
  if (!event) return 0;
  const auto again = Event::parse(event->to_json());
  if (!again || !(*again == *event)) std::abort();
  // The id and signature checks read the same fields the parser accepted.
  (void)event->check();
  return 0;
}
