#pragma once

#include <memory>
#include <string>

#include "core/config/service_config.hpp"
#include "core/service/service_metrics.hpp"

namespace prometheus {
class Exposer;
}

// The Prometheus scrape endpoint: an HTTP server (prometheus-cpp's civetweb exposer) on
// metrics.host:metrics.port answering GET metrics.path with the registry's text
// exposition. Runs its own threads until destroyed.
namespace bigbrotr::core {

class MetricsEndpoint {
 public:
  // Starts listening. Throws std::runtime_error naming the address when it cannot bind.
  MetricsEndpoint(const MetricsConfig& config, std::shared_ptr<MetricsRegistry> registry);
  ~MetricsEndpoint();
  MetricsEndpoint(const MetricsEndpoint&) = delete;
  MetricsEndpoint& operator=(const MetricsEndpoint&) = delete;

  // The URL the endpoint serves, e.g. http://127.0.0.1:8000/metrics.
  const std::string& url() const noexcept { return url_; }

 private:
  std::shared_ptr<MetricsRegistry> registry_;
  std::unique_ptr<prometheus::Exposer> exposer_;
  std::string url_;
};

}  // namespace bigbrotr::core
