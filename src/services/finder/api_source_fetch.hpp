#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/finder_config.hpp"
#include "models/relay.hpp"
#include "models/result.hpp"
#include "services/finder/relay_list_expression.hpp"

// One API source of the finder (services.md §2, API phase): GET the URL, parse the JSON
// body, evaluate the source's expression and canonicalise the URLs it selects.
namespace bigbrotr::services::finder {

// What a successful fetch produced.
struct SourceRelays {
  std::vector<models::Relay> relays;  // distinct, in the order the body lists them
  std::size_t items = 0;              // string items the expression selected
  std::size_t invalid_urls = 0;       // of those, not relay URLs
  std::size_t non_strings = 0;        // selected items that were not strings
  bool was_list = true;               // false: the expression did not select a list
};

struct SourceFetchOptions {
  std::size_t max_response_size = 5242880;
  // Relay URLs and the source itself may be loopback / LAN hosts (--allow-local).
  models::RelayParseOptions parse_options;
  // Extra trusted CA file for HTTPS sources (tests, private deployments).
  std::string extra_ca_file;
};

// Fetches `source` (blocking: runs its own io_context). Fails with a one-line reason on
// transport errors ("timeout: ...", "too_large: ..."), on status ≥ 400 ("http status
// 500"), and on a body that is not JSON ("invalid json: ..."); never throws for what the
// server sends.
models::Result<SourceRelays> fetch_source(const core::ApiSource& source,
                                          const RelayListExpression& expression,
                                          const SourceFetchOptions& options);

// The pure half of fetch_source: extracts the relays from a response body.
models::Result<SourceRelays> relays_from_body(std::string_view body, const RelayListExpression& expression,
                                              const models::RelayParseOptions& parse_options,
                                              std::int64_t discovered_at);

}  // namespace bigbrotr::services::finder
