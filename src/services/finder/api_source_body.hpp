#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "models/relay.hpp"
#include "models/result.hpp"
#include "services/finder/relay_list_expression.hpp"

// The pure half of an API source's fetch (services.md §2, API phase): the relays a
// response body names. Apart from the HTTP client so that it links on its own (the fuzz
// targets, docs/fuzzing.md).
namespace bigbrotr::services::finder {

// What a successful fetch produced.
struct SourceRelays {
  std::vector<models::Relay> relays;  // distinct, in the order the body lists them
  std::size_t items = 0;              // string items the expression selected
  std::size_t invalid_urls = 0;       // of those, not relay URLs
  std::size_t non_strings = 0;        // selected items that were not strings
  bool was_list = true;               // false: the expression did not select a list
};

// Parses `body` as JSON, evaluates `expression` on it and canonicalises the URLs it
// selects, stamped with `discovered_at`. Fails with "invalid json: <why>"; never throws
// for what the body holds.
models::Result<SourceRelays> relays_from_body(std::string_view body, const RelayListExpression& expression,
                                              const models::RelayParseOptions& parse_options,
                                              std::int64_t discovered_at);

}  // namespace bigbrotr::services::finder
