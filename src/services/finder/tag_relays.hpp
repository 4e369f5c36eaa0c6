#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "models/relay.hpp"

// Relay URLs in an event's tag index (services.md §2, events phase).
namespace bigbrotr::services::finder {

// The distinct relays named by the entries "<letter>:<value>" of one row's tag index: the
// text after the first ':' is canonicalised and kept when it is a relay URL. Entries
// without ':' and values that are not relay URLs (ids, pubkeys, garbage) are skipped.
// `discovered_at` stamps the relays. Never throws on any input.
std::vector<models::Relay> relays_in_tag_values(std::span<const std::string> tag_values,
                                                const models::RelayParseOptions& options,
                                                std::int64_t discovered_at);

}  // namespace bigbrotr::services::finder
