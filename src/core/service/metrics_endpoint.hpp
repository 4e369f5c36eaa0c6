#pragma once

#include <memory>
#include <string>

#include "core/config/service_config.hpp"
#include "core/http/http_limits.hpp"
#include "core/http/http_server.hpp"
#include "core/logging/logger.hpp"
#include "core/service/service_metrics.hpp"

// The Prometheus scrape endpoint: an HttpServer on metrics.host:metrics.port answering
// GET (and HEAD) metrics.path with the registry's text exposition. Slow or hostile
// clients are bounded by HttpLimits; the connections it drops for cause are counted in
// http_connections_dropped_total{reason} of the same registry and logged (rate-limited)
// at warning level. Serves on a thread of its own until destroyed.
namespace bigbrotr::core {

class MetricsEndpoint {
 public:
  // Starts listening. Throws std::runtime_error naming the address when it cannot bind.
  // Logs to stderr as text under the name "metrics".
  MetricsEndpoint(const MetricsConfig& config, std::shared_ptr<MetricsRegistry> registry);
  // The same, logging through `logger`, with `limits` instead of the defaults.
  MetricsEndpoint(const MetricsConfig& config, std::shared_ptr<MetricsRegistry> registry, Logger logger,
                  HttpLimits limits = {});
  MetricsEndpoint(const MetricsEndpoint&) = delete;
  MetricsEndpoint& operator=(const MetricsEndpoint&) = delete;

  // The URL the endpoint serves, e.g. http://127.0.0.1:8000/metrics.
  const std::string& url() const noexcept { return url_; }

 private:
  std::unique_ptr<HttpServer> server_;
  std::string url_;
};

}  // namespace bigbrotr::core
