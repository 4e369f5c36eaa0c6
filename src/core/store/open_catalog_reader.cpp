#include "core/store/open_catalog_reader.hpp"

#include "core/store/open_store.hpp"
#include "core/store/postgres/postgres_store_factory.hpp"
#include "core/store/sqlite/sqlite_catalog_reader.hpp"

namespace bigbrotr::core::store {

std::unique_ptr<catalog::CatalogReader> open_catalog_reader(const StorageConfig& config, const Logger& logger,
                                                            std::chrono::milliseconds timeout) {
  const auto path = sqlite_path(config.database.url);
  if (!path) return open_postgres_catalog_reader(config, logger, timeout);
  if (path->empty() || *path == ":memory:") {
    throw StoreError("the api needs a database file or server; " + config.redacted_url() +
                         " is private to the process's own connection",
                     false);
  }
  return std::make_unique<sqlite::SqliteCatalogReader>(*path, timeout);
}

}  // namespace bigbrotr::core::store
