#pragma once

#include <optional>
#include <string_view>

#include "core/catalog/catalog_reader.hpp"
#include "core/http/http_routes.hpp"
#include "core/logging/logger.hpp"

// The observatory's own routes, which the web page uses (docs/api.md): `relays`,
// `relays/{url}`, `relays/{url}/history` and `stats`, the path given without the route
// prefix. They are always on: they show what the services measured, nothing the config
// would need to enable table by table.
namespace bigbrotr::services::api {

class ObservatoryRoutes {
 public:
  // Borrows `reader` and `logger`, which outlive it.
  ObservatoryRoutes(core::catalog::PageLimits limits, core::catalog::CatalogReader& reader,
                    const core::Logger& logger);

  // The answer to `path` with `query`; nullopt when `path` is none of the routes.
  std::optional<core::HttpResponse> answer(std::string_view path, std::string_view query) const;

 private:
  core::HttpResponse relays(std::string_view query) const;
  core::HttpResponse relay(const std::string& url) const;
  core::HttpResponse history(const std::string& url, std::string_view query) const;
  core::HttpResponse stats() const;
  // The placeholder of parameter `number` (1-based) in the reader's dialect.
  std::string slot(std::size_t number) const;

  core::catalog::PageLimits limits_;
  core::catalog::CatalogReader& reader_;
  const core::Logger& logger_;
  core::catalog::CatalogTable directory_;
};

}  // namespace bigbrotr::services::api
