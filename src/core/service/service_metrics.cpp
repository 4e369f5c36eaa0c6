#include "core/service/service_metrics.hpp"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <sstream>

namespace bigbrotr::core {

struct MetricsRegistry::Families {
  prometheus::Family<prometheus::Gauge>& info;
  prometheus::Family<prometheus::Gauge>& gauge;
  prometheus::Family<prometheus::Counter>& counter;
  prometheus::Family<prometheus::Histogram>& cycle_duration;
};

namespace {

// services.md §0.4: 1 s to 1 h.
const prometheus::Histogram::BucketBoundaries kCycleBuckets{1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600};

}  // namespace

MetricsRegistry::MetricsRegistry() : registry_(std::make_shared<prometheus::Registry>()) {
  families_ = std::make_unique<Families>(Families{
      prometheus::BuildGauge().Name("service_info").Help("Set to 1 while the service runs").Register(*registry_),
      prometheus::BuildGauge().Name("service_gauge").Help("Point-in-time values a service reports").Register(*registry_),
      prometheus::BuildCounter()
          .Name("service_counter_total")
          .Help("Cumulative counts a service reports")
          .Register(*registry_),
      prometheus::BuildHistogram()
          .Name("cycle_duration_seconds")
          .Help("Duration of successful service cycles")
          .Register(*registry_),
  });
}

MetricsRegistry::~MetricsRegistry() = default;

std::shared_ptr<prometheus::Registry> MetricsRegistry::registry() const { return registry_; }

std::string MetricsRegistry::text() const {
  std::ostringstream out;
  prometheus::TextSerializer().Serialize(out, registry_->Collect());
  return out.str();
}

ServiceMetrics::ServiceMetrics(std::shared_ptr<MetricsRegistry> registry, models::ServiceName service)
    : registry_(std::move(registry)), service_(std::string(models::to_string(service))) {
  if (registry_) registry_->families_->info.Add({{"service", service_}}).Set(1);
}

void ServiceMetrics::set_gauge(std::string_view name, double value) {
  if (!registry_) return;
  registry_->families_->gauge.Add({{"service", service_}, {"name", std::string(name)}}).Set(value);
}

void ServiceMetrics::add_gauge(std::string_view name, double delta) {
  if (!registry_) return;
  registry_->families_->gauge.Add({{"service", service_}, {"name", std::string(name)}}).Increment(delta);
}

void ServiceMetrics::increment_counter(std::string_view name, double amount) {
  if (!registry_) return;
  registry_->families_->counter.Add({{"service", service_}, {"name", std::string(name)}}).Increment(amount);
}

void ServiceMetrics::observe_cycle_duration(double seconds) {
  if (!registry_) return;
  registry_->families_->cycle_duration.Add({{"service", service_}}, kCycleBuckets).Observe(seconds);
}

}  // namespace bigbrotr::core
