#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/config/storage_config.hpp"
#include "core/logging/logger.hpp"
#include "core/store/store.hpp"
#include "models/enums.hpp"

namespace bigbrotr::core::store {

// Opens the store that config.database.url names:
//   "sqlite:PATH"       the SQLite backend on the file PATH (its parent folders are
//                       created); "sqlite::memory:" is a private in-memory database;
//   "postgresql://…", "postgres://…" or a libpq conninfo ("host=… dbname=…")
//                       the PostgreSQL backend (open_postgres_store).
// `service` names the connection (PostgreSQL application_name) and the log lines. The
// schema is not touched: call Store::init. Throws StoreError when the database cannot be
// opened; the message shows only the redacted URL. The caller owns the store.
std::unique_ptr<Store> open_store(const StorageConfig& config, const Logger& logger,
                                  models::ServiceName service);

// The SQLite path in a "sqlite:PATH" URL (":memory:" for "sqlite::memory:"), or nullopt
// when the URL names another backend.
std::optional<std::string> sqlite_path(std::string_view url);

}  // namespace bigbrotr::core::store
