#include "core/catalog/catalog_sql.hpp"

#include <fmt/format.h>

namespace bigbrotr::core::catalog {
namespace {

std::string placeholder(SqlDialect dialect, std::size_t number) {
  return fmt::format("{}{}", dialect == SqlDialect::postgresql ? '$' : '?', number);
}

std::string_view comparison(FilterOp op) {
  switch (op) {
    case FilterOp::eq: return "=";
    case FilterOp::gt: return ">";
    case FilterOp::lt: return "<";
    case FilterOp::ge: return ">=";
    case FilterOp::le: return "<=";
    case FilterOp::prefix:
    case FilterOp::contains: return "LIKE";
  }
  return "=";
}

// The LIKE pattern of a prefix (text%) or a substring (%text%), the text's \, % and _
// escaped.
std::string like_pattern(std::string_view text, FilterOp op) {
  std::string pattern = op == FilterOp::contains ? "%" : "";
  for (const char c : text) {
    if (c == '\\' || c == '%' || c == '_') pattern += '\\';
    pattern += c;
  }
  pattern += '%';
  return pattern;
}

// A parameter as the column's type: PostgreSQL needs the cast for untyped text
// parameters; SQLite compares by the bound value's own type.
std::string typed(SqlDialect dialect, ColumnKind kind, const std::string& slot) {
  if (dialect == SqlDialect::sqlite) return slot;
  switch (kind) {
    case ColumnKind::integer: return slot + "::bigint";
    case ColumnKind::real: return slot + "::float8";
    case ColumnKind::boolean: return slot + "::boolean";
    case ColumnKind::bytes: return "decode(" + slot + ", 'hex')";
    case ColumnKind::json: return slot + "::jsonb";
    case ColumnKind::text: return slot + "::text";
  }
  return slot;
}

}  // namespace

std::string quote_identifier(std::string_view name) {
  std::string quoted = "\"";
  for (const char c : name) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

CatalogSql build_catalog_sql(const CatalogTable& table, const CatalogQuery& query, SqlDialect dialect) {
  CatalogSql sql;
  std::string where;
  for (const CatalogFilter& filter : query.filters) {
    const CatalogColumn* column = table.column(filter.column);
    const ColumnKind kind = column != nullptr ? column->kind : ColumnKind::text;
    const std::string slot = placeholder(dialect, sql.parameters.size() + 1);
    where += where.empty() ? " WHERE " : " AND ";
    if (filter.op == FilterOp::prefix || filter.op == FilterOp::contains) {
      where += fmt::format("lower({}) LIKE lower({}) ESCAPE '\\'", quote_identifier(filter.column),
                           typed(dialect, ColumnKind::text, slot));
      sql.parameters.push_back(SqlParameter{ColumnKind::text, like_pattern(filter.value, filter.op)});
    } else {
      where += fmt::format("{} {} {}", quote_identifier(filter.column), comparison(filter.op),
                           typed(dialect, kind, slot));
      sql.parameters.push_back(SqlParameter{kind, filter.value});
    }
  }
  std::string order;
  if (query.sort) {
    order = fmt::format("{} {} NULLS LAST", quote_identifier(query.sort->column),
                        query.sort->descending ? "DESC" : "ASC");
  }
  for (const std::string& key : table.primary_key) {
    if (query.sort && query.sort->column == key) continue;
    if (!order.empty()) order += ", ";
    order += quote_identifier(key);
  }
  std::string columns;
  for (const CatalogColumn& column : table.columns) {
    if (!columns.empty()) columns += ", ";
    // PostgreSQL's JSON form of bytea is "\\x..."; the catalog shows plain hex, as SQLite's reader does.
    if (dialect == SqlDialect::postgresql && column.kind == ColumnKind::bytes) {
      columns += fmt::format("encode({0}, 'hex') AS {0}", quote_identifier(column.name));
    } else {
      columns += quote_identifier(column.name);
    }
  }
  const std::string from = " FROM " + (table.source.empty() ? quote_identifier(table.name) : table.source) + where;
  sql.count = "SELECT count(*)" + from;
  sql.page = "SELECT " + columns + from;
  if (!order.empty()) sql.page += " ORDER BY " + order;
  sql.page += fmt::format(" LIMIT {} OFFSET {}", typed(dialect, ColumnKind::integer,
                                                       placeholder(dialect, sql.parameters.size() + 1)),
                          typed(dialect, ColumnKind::integer, placeholder(dialect, sql.parameters.size() + 2)));
  return sql;
}

}  // namespace bigbrotr::core::catalog
