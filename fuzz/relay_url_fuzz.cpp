// Relay::parse reads relay URLs from seed files, event tags, API bodies and configuration.
// The first byte chooses allow_local; the rest is the URL. Oracle: the header's promise
// that a canonical URL is a fixed point (parse and from_canonical both give it back).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "models/relay.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using bigbrotr::models::Relay;
  if (size == 0) return 0;
  const bigbrotr::models::RelayParseOptions options{.allow_local = (data[0] & 1) != 0};
  const std::string_view url(reinterpret_cast<const char*>(data + 1), size - 1);
  constexpr std::int64_t kDiscoveredAt = 1700000000;
  const auto relay = Relay::parse(url, options, kDiscoveredAt);
  if (!relay) return 0;
  const auto reparsed = Relay::parse(relay->url(), options, kDiscoveredAt);
  const auto canonical = Relay::from_canonical(relay->url(), options, kDiscoveredAt);
  if (!reparsed || reparsed->url() != relay->url() || reparsed->network() != relay->network()) std::abort();
  if (!canonical || canonical->url() != relay->url()) std::abort();
  return 0;
}
