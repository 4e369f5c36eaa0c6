#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/catalog/catalog_reader.hpp"
#include "core/http/http_routes.hpp"
#include "core/logging/logger.hpp"

// The generic routes of the API over the tables the config enables (docs/api.md):
// `schema`, `schema/{table}`, `{table}?query` and `{table}/{key...}`, the path given
// without the route prefix.
namespace bigbrotr::services::api {

class CatalogRoutes {
 public:
  // Borrows `reader` and `logger`, which outlive it.
  CatalogRoutes(std::vector<core::catalog::CatalogTable> exposed, core::catalog::PageLimits limits,
                core::catalog::CatalogReader& reader, const core::Logger& logger);

  // The answer to `path` ("relay_uptime", "schema/relay") with `query`; nullopt when the
  // first segment names no exposed table and is not `schema`.
  std::optional<core::HttpResponse> answer(std::string_view path, std::string_view query) const;

  std::size_t exposed_count() const noexcept { return exposed_.size(); }
  bool has_table(std::string_view name) const;

 private:
  core::HttpResponse schema(std::string_view table_name) const;
  core::HttpResponse rows(const core::catalog::CatalogTable& table, std::string_view key_path,
                          std::string_view query) const;

  std::vector<core::catalog::CatalogTable> exposed_;
  core::catalog::PageLimits limits_;
  core::catalog::CatalogReader& reader_;
  const core::Logger& logger_;
};

}  // namespace bigbrotr::services::api
