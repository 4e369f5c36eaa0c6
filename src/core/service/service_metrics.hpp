#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "models/enums.hpp"

namespace prometheus {
class Registry;
}

// The four metric families every service publishes into (services.md §0.4):
//   service_info{service}                 1 while the service runs
//   service_gauge{service,name}           set / add
//   service_counter_total{service,name}   increment
//   cycle_duration_seconds{service}       histogram, 10 buckets from 1 s to 1 h
// One MetricsRegistry per process holds them; each service gets a ServiceMetrics handle
// that fills in its `service` label. A default-constructed handle (metrics disabled) makes
// every call a no-op, so services never test whether metrics are on.
namespace bigbrotr::core {

class MetricsRegistry {
 public:
  MetricsRegistry();
  ~MetricsRegistry();
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  // The prometheus-cpp registry, for an exposer or a serializer.
  std::shared_ptr<prometheus::Registry> registry() const;
  // The Prometheus text exposition (format 0.0.4) of everything registered.
  std::string text() const;

 private:
  friend class ServiceMetrics;
  struct Families;
  std::shared_ptr<prometheus::Registry> registry_;
  std::unique_ptr<Families> families_;
};

class ServiceMetrics {
 public:
  // Disabled: every call does nothing.
  ServiceMetrics() = default;
  // Publishes into `registry` (shared; it must outlive nothing, the handle keeps it) and
  // sets service_info{service} = 1.
  ServiceMetrics(std::shared_ptr<MetricsRegistry> registry, models::ServiceName service);

  bool enabled() const noexcept { return registry_ != nullptr; }
  void set_gauge(std::string_view name, double value);
  void add_gauge(std::string_view name, double delta);
  void increment_counter(std::string_view name, double amount = 1.0);
  void observe_cycle_duration(double seconds);

 private:
  std::shared_ptr<MetricsRegistry> registry_;
  std::string service_;
};

}  // namespace bigbrotr::core
