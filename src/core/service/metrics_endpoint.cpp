#include "core/service/metrics_endpoint.hpp"

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/registry.h>

#include <array>
#include <iostream>

#include "core/http/http_url.hpp"

namespace bigbrotr::core {
namespace {

// The content type of the text exposition format 0.0.4.
constexpr const char* kExpositionType = "text/plain; version=0.0.4; charset=utf-8";

HttpRoutes metrics_routes(const std::string& path, std::shared_ptr<MetricsRegistry> registry) {
  HttpRoutes routes;
  routes.get(path, [registry = std::move(registry)](const HttpRequest&) {
    HttpResponse response;
    response.content_type = kExpositionType;
    response.body = registry->text();
    return response;
  });
  return routes;
}

// One counter per drop reason, registered (at 0) before the first drop, so an alert on
// their rate has a series to watch from the start.
HttpDropObserver count_drops_in(std::shared_ptr<MetricsRegistry> registry) {
  auto& family =
      prometheus::BuildCounter()
          .Name("http_connections_dropped_total")
          .Help(
              "Connections the metrics endpoint closed for cause: too slow, oversized or malformed "
              "requests, or over a connection cap")
          .Register(*registry->registry());
  std::array<prometheus::Counter*, kHttpDropReasons> counters{};
  for (std::size_t i = 0; i < kHttpDropReasons; ++i) {
    counters[i] = &family.Add({{"reason", std::string(to_string(static_cast<HttpDrop>(i)))}});
  }
  // The registry owns the counters: the observer keeps it alive.
  return [registry = std::move(registry), counters](HttpDrop reason) {
    counters[static_cast<std::size_t>(reason)]->Increment();
  };
}

}  // namespace

MetricsEndpoint::MetricsEndpoint(const MetricsConfig& config, std::shared_ptr<MetricsRegistry> registry)
    : MetricsEndpoint(config, std::move(registry),
                      Logger("metrics", LogLevel::info, LogFormat::text, std::cerr)) {}

MetricsEndpoint::MetricsEndpoint(const MetricsConfig& config, std::shared_ptr<MetricsRegistry> registry,
                                 Logger logger, HttpLimits limits) {
  HttpDropObserver on_drop = count_drops_in(registry);
  server_ = std::make_unique<HttpServer>(config.host, static_cast<std::uint16_t>(config.port),
                                         metrics_routes(config.path, std::move(registry)), limits,
                                         std::move(logger), std::move(on_drop));
  url_ = http_url(config.host, server_->port(), config.path);
}

}  // namespace bigbrotr::core
