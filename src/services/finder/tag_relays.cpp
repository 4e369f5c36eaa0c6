#include "services/finder/tag_relays.hpp"

#include <algorithm>
#include <string_view>

namespace bigbrotr::services::finder {

std::vector<models::Relay> relays_in_tag_values(std::span<const std::string> tag_values,
                                                const models::RelayParseOptions& options,
                                                std::int64_t discovered_at) {
  std::vector<models::Relay> relays;
  for (const std::string& entry : tag_values) {
    const auto colon = entry.find(':');
    if (colon == std::string::npos) continue;
    auto relay = models::Relay::parse(std::string_view(entry).substr(colon + 1), options, discovered_at);
    if (!relay) continue;
    // Rows carry a handful of relay tags, so a linear scan beats a set here.
    if (std::find(relays.begin(), relays.end(), *relay) == relays.end())
      relays.push_back(std::move(relay).value());
  }
  return relays;
}

}  // namespace bigbrotr::services::finder
