#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/config/config_reader.hpp"
#include "core/config/load_options.hpp"
#include "core/config/service_config.hpp"

namespace bigbrotr::core {

// One table or view the generic catalog routes may expose (`tables.<name>`).
struct ExposedTable {
  bool enabled = false;
  std::int64_t price = 0;  // millisats per DVM query; the API ignores it
};

// services/api.yaml (docs/api.md): the read-only HTTP API and the web page.
struct ApiConfig {
  BaseServiceConfig base = base_with_interval(60.0);
  std::string title = "BigBrotr API";
  // Loopback unless configured, like the metrics endpoint.
  std::string host = "127.0.0.1";
  int port = 8080;                    // 1..65535, not the metrics port
  std::string route_prefix = "/v1";   // one leading slash, no trailing slash
  int default_page_size = 100;        // 1..10000, at most max_page_size
  int max_page_size = 1000;           // 1..10000
  double request_timeout = 30.0;      // seconds per database query, 1..300
  std::vector<std::string> cors_origins;
  std::map<std::string, ExposedTable> tables;  // unlisted = not exposed
};

void read_config(ConfigReader& reader, ApiConfig& out, const LoadOptions& options);

}  // namespace bigbrotr::core
