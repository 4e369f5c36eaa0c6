#pragma once

#include <chrono>
#include <memory>

#include "core/catalog/catalog_reader.hpp"
#include "core/config/storage_config.hpp"
#include "core/logging/logger.hpp"

namespace bigbrotr::core::store {

// The read-only catalog of the database config.database.url names: a SQLite file opened
// read-only, or PostgreSQL in READ ONLY transactions (as the role `reader` when the login
// may be it). Every query is bounded by `timeout`. Throws StoreError when the database
// cannot be opened, and for "sqlite::memory:", which no second connection can read.
std::unique_ptr<catalog::CatalogReader> open_catalog_reader(const StorageConfig& config, const Logger& logger,
                                                            std::chrono::milliseconds timeout);

}  // namespace bigbrotr::core::store
