// The finder's API sources: the relay-list expression (configuration text) and the JSON
// body a relay-list API answers, through relays_from_body as the API phase calls it. The
// input is the expression, a newline, then the body. Oracle: every relay kept is
// canonical, and none is kept twice.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "models/relay.hpp"
#include "services/finder/api_source_fetch.hpp"
#include "services/finder/relay_list_expression.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace finder = bigbrotr::services::finder;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  if (newline == std::string_view::npos) {
    (void)finder::RelayListExpression::parse(input);
    return 0;
  }
  const auto expression = finder::RelayListExpression::parse(input.substr(0, newline));
  if (!expression) return 0;
  const auto found = finder::relays_from_body(input.substr(newline + 1), expression.value(),
                                              bigbrotr::models::RelayParseOptions{}, 1700000000);
  if (!found) return 0;
  std::set<std::string> urls;
  for (const auto& relay : found->relays) {
    if (!urls.insert(relay.url()).second) std::abort();
    if (!bigbrotr::models::Relay::from_canonical(relay.url(), {}, 1700000000)) std::abort();
  }
  return 0;
}
