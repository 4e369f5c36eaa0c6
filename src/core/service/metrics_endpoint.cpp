#include "core/service/metrics_endpoint.hpp"

#include <prometheus/exposer.h>
#include <prometheus/registry.h>

#include <stdexcept>

namespace bigbrotr::core {
namespace {

// civetweb wants IPv6 literals bracketed.
std::string authority(const MetricsConfig& config) {
  const bool ipv6 = config.host.find(':') != std::string::npos && config.host.front() != '[';
  const std::string host = ipv6 ? "[" + config.host + "]" : config.host;
  return host + ":" + std::to_string(config.port);
}

}  // namespace

MetricsEndpoint::MetricsEndpoint(const MetricsConfig& config, std::shared_ptr<MetricsRegistry> registry)
    : registry_(std::move(registry)), url_("http://" + authority(config) + config.path) {
  try {
    exposer_ = std::make_unique<prometheus::Exposer>(authority(config), 2);
  } catch (const std::exception& error) {
    throw std::runtime_error("cannot serve metrics on " + authority(config) + ": " + error.what());
  }
  exposer_->RegisterCollectable(registry_->registry(), config.path);
}

MetricsEndpoint::~MetricsEndpoint() = default;

}  // namespace bigbrotr::core
