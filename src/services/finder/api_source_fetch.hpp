#pragma once

#include <cstddef>
#include <string>

#include "core/config/finder_config.hpp"
#include "models/relay.hpp"
#include "models/result.hpp"
#include "services/finder/api_source_body.hpp"
#include "services/finder/relay_list_expression.hpp"

// One API source of the finder (services.md §2, API phase): GET the URL, parse the JSON
// body, evaluate the source's expression and canonicalise the URLs it selects.
namespace bigbrotr::services::finder {

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

}  // namespace bigbrotr::services::finder
