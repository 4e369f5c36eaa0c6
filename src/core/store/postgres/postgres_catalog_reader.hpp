#pragma once

#include <chrono>
#include <string>

#include "core/catalog/catalog_reader.hpp"
#include "core/config/storage_config.hpp"
#include "core/logging/logger.hpp"
#include "core/store/postgres/connection_pool.hpp"

namespace bigbrotr::core::store::postgres {

// The catalog on PostgreSQL: tables, views and materialized views of the public schema,
// read in READ ONLY transactions under statement_timeout (run the api as the `reader`
// role: docs/api.md). A query past the timeout is cancelled by the server.
class PostgresCatalogReader final : public catalog::CatalogReader {
 public:
  PostgresCatalogReader(PoolOptions pool, const Logger& logger, std::chrono::milliseconds timeout);

  catalog::SqlDialect dialect() const noexcept override { return catalog::SqlDialect::postgresql; }
  std::vector<catalog::CatalogTable> tables() override;
  catalog::CatalogPage page(const catalog::CatalogSql& sql, std::size_t limit, std::size_t offset) override;
  boost::json::array rows(const std::string& sql, const std::vector<catalog::SqlParameter>& parameters) override;

 private:
  ConnectionPool pool_;
  std::chrono::milliseconds timeout_;
  std::string begin_;
};

}  // namespace bigbrotr::core::store::postgres
