#include "core/config/service_config.hpp"

#include <chrono>

namespace bigbrotr::core {
namespace {

void read_metrics(ConfigReader& reader, MetricsConfig& out) {
  reader.read_bool("enabled", out.enabled);
  reader.read_int("port", out.port, between(0, 65535));
  if (out.port != 0 && out.port < 1024) {
    throw reader.error("port", "must be 0 (off) or between 1024 and 65535, got " + std::to_string(out.port));
  }
  reader.read_string("host", out.host);
  if (out.host.empty()) throw reader.error("host", "must not be empty");
  reader.read_string("path", out.path);
  if (out.path.empty() || out.path.front() != '/') {
    throw reader.error("path", "must start with '/', got '" + out.path + "'");
  }
}

}  // namespace

std::int64_t load_time(const LoadOptions& options) {
  if (options.now) return *options.now;
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count();
}

void read_base_service(ConfigReader& reader, BaseServiceConfig& out, const LoadOptions& options,
                       std::optional<double> max_interval) {
  reader.read_real("interval", out.interval, Range{options.min_interval, max_interval});
  reader.read_int("max_consecutive_failures", out.max_consecutive_failures, between(0, 100));
  reader.section("metrics", [&](ConfigReader& metrics) { read_metrics(metrics, out.metrics); });
}

}  // namespace bigbrotr::core
