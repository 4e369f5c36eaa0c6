#pragma once

#include <string>
#include <vector>

#include "core/catalog/catalog_query.hpp"

// A CatalogQuery as SQL: the statements are built from checked identifiers only (the
// table's own column names, double-quoted); every value the client sent is a parameter.
namespace bigbrotr::core::catalog {

enum class SqlDialect { sqlite, postgresql };

// One parameter: the filter's text and how to bind it (the column's kind).
struct SqlParameter {
  ColumnKind kind = ColumnKind::text;
  std::string text;
};

struct CatalogSql {
  std::string count;  // SELECT count(*) ... with the filters
  std::string page;   // SELECT <columns> ... ORDER BY ... LIMIT ... OFFSET ...
  // The filters' values, in placeholder order; the page query has two more, limit and
  // offset, which the caller binds as integers after these.
  std::vector<SqlParameter> parameters;
};

// Builds both statements for `query` on `table` (whose columns the query was checked
// against). The order is the sort column (NULLs last), then the primary key, so pages are
// stable. Prefix filters compare case-insensitively with LIKE, their % and _ escaped.
CatalogSql build_catalog_sql(const CatalogTable& table, const CatalogQuery& query, SqlDialect dialect);

// `"name"`, with any double quote doubled.
std::string quote_identifier(std::string_view name);

}  // namespace bigbrotr::core::catalog
