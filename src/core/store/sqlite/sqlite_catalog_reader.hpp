#pragma once

#include <chrono>
#include <string>

#include "core/catalog/catalog_reader.hpp"
#include "core/store/sqlite/sqlite_connection.hpp"

namespace bigbrotr::core::store::sqlite {

// The catalog on a SQLite file opened read-only (query_only too): writers in other
// processes go on beside it (WAL). A query past `timeout` is interrupted.
class SqliteCatalogReader final : public catalog::CatalogReader {
 public:
  SqliteCatalogReader(const std::string& path, std::chrono::milliseconds timeout);

  catalog::SqlDialect dialect() const noexcept override { return catalog::SqlDialect::sqlite; }
  std::vector<catalog::CatalogTable> tables() override;
  catalog::CatalogPage page(const catalog::CatalogSql& sql, std::size_t limit, std::size_t offset) override;
  boost::json::array rows(const std::string& sql, const std::vector<catalog::SqlParameter>& parameters) override;

 private:
  Connection connection_;
  std::chrono::milliseconds timeout_;
};

}  // namespace bigbrotr::core::store::sqlite
