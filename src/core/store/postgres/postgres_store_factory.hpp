#pragma once

#include <chrono>
#include <memory>

#include "core/catalog/catalog_reader.hpp"
#include "core/config/storage_config.hpp"
#include "core/logging/logger.hpp"
#include "core/store/store.hpp"
#include "models/enums.hpp"

namespace bigbrotr::core::store {

// Opens the PostgreSQL backend on config.database.url ("postgresql://…", "postgres://…"
// or a libpq conninfo), connecting as `service` (application_name), with the pool and
// retry settings of `config`. Called by open_store; the schema is not touched (call
// Store::init). Throws StoreError when the server cannot be reached after the configured
// retries; messages show only config.redacted_url(). Defined by the PostgreSQL backend.
std::unique_ptr<Store> open_postgres_store(const StorageConfig& config, const Logger& logger,
                                           models::ServiceName service);

// The catalog reader of the api on the same database: READ ONLY transactions under
// `timeout`, as the role `reader` when the login may be it. Throws StoreError as above.
std::unique_ptr<catalog::CatalogReader> open_postgres_catalog_reader(const StorageConfig& config,
                                                                     const Logger& logger,
                                                                     std::chrono::milliseconds timeout);

}  // namespace bigbrotr::core::store
