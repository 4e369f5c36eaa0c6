#pragma once

#include <boost/json/array.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/catalog/catalog_query.hpp"
#include "core/catalog/catalog_sql.hpp"

// Read-only access to the database for the catalog (the API and the DVM): what tables
// and views exist, and one page of one of them. Implementations never write: SQLite opens
// the file read-only, PostgreSQL connects as the read-only role in read-only
// transactions. Every query is bounded by the reader's timeout.
namespace bigbrotr::core::catalog {

// A query ran past the reader's timeout (the API answers 504).
class CatalogTimeout : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CatalogPage {
  std::int64_t total = 0;    // rows matching the filters
  boost::json::array rows;   // objects by column name; bytes as hex, JSON columns as JSON
};

class CatalogReader {
 public:
  virtual ~CatalogReader() = default;

  virtual SqlDialect dialect() const noexcept = 0;
  // Every table and view, with its columns in order and its primary key (for a view
  // without one: none).
  virtual std::vector<CatalogTable> tables() = 0;
  // Runs `sql` (built for dialect()) with its parameters: the count, then the page.
  // Throws CatalogTimeout past the timeout and store::StoreError for anything else.
  virtual CatalogPage page(const CatalogSql& sql, std::size_t limit, std::size_t offset) = 0;
  // Runs one SELECT of our own code (built for dialect(), `parameters` bound in placeholder
  // order) and returns its rows as objects, with page()'s value rules and exceptions.
  virtual boost::json::array rows(const std::string& sql, const std::vector<SqlParameter>& parameters) = 0;
};

}  // namespace bigbrotr::core::catalog
