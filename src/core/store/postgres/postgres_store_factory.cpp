#include "core/store/postgres/postgres_store_factory.hpp"

#include "core/store/postgres/connection_pool.hpp"
#include "core/store/postgres/postgres_catalog_reader.hpp"
#include "core/store/postgres/postgres_store.hpp"

namespace bigbrotr::core::store {

std::unique_ptr<Store> open_postgres_store(const StorageConfig& config, const Logger& logger,
                                           models::ServiceName service) {
  auto store = std::make_unique<postgres::PostgresStore>(config, logger, service);
  logger.debug("store opened", {{"backend", "postgresql"}, {"url", config.redacted_url()}});
  return store;
}

std::unique_ptr<catalog::CatalogReader> open_postgres_catalog_reader(const StorageConfig& config,
                                                                     const Logger& logger,
                                                                     std::chrono::milliseconds timeout) {
  return std::make_unique<postgres::PostgresCatalogReader>(
      postgres::pool_options(config, models::ServiceName::api), logger, timeout);
}

}  // namespace bigbrotr::core::store
