#include "core/store/postgres/postgres_catalog_reader.hpp"

#include <boost/json/parse.hpp>

#include <algorithm>

#include "core/store/postgres/pg_result.hpp"

namespace bigbrotr::core::store::postgres {
namespace {

using Clock = std::chrono::steady_clock;
using catalog::ColumnKind;

constexpr const char* kRelations =
    "SELECT c.relname, c.relkind IN ('v', 'm') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') ORDER BY c.relname";
constexpr const char* kColumns =
    "SELECT a.attname, t.typname, NOT a.attnotnull FROM pg_class c "
    "JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public' "
    "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
    "JOIN pg_type t ON t.oid = a.atttypid WHERE c.relname = $1::text ORDER BY a.attnum";
// The primary key, else the first unique non-partial index (a materialized view's key).
constexpr const char* kKey =
    "WITH key AS (SELECT i.indrelid, i.indkey FROM pg_index i "
    "WHERE i.indrelid = ('public.' || quote_ident($1::text))::regclass AND i.indisunique "
    "AND i.indpred IS NULL AND i.indexprs IS NULL ORDER BY i.indisprimary DESC, i.indexrelid LIMIT 1) "
    "SELECT a.attname FROM key CROSS JOIN LATERAL unnest(key.indkey::int2[]) WITH ORDINALITY AS k(attnum, position) "
    "JOIN pg_attribute a ON a.attrelid = key.indrelid AND a.attnum = k.attnum ORDER BY k.position";

// One row when the role `reader` exists: whether the login may SET ROLE to it.
constexpr const char* kReaderMembership =
    "SELECT pg_has_role(current_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = 'reader'";

ColumnKind kind_of(std::string_view type) {
  if (type == "int2" || type == "int4" || type == "int8") return ColumnKind::integer;
  if (type == "float4" || type == "float8" || type == "numeric") return ColumnKind::real;
  if (type == "bool") return ColumnKind::boolean;
  if (type == "bytea") return ColumnKind::bytes;
  if (type == "json" || type == "jsonb") return ColumnKind::json;
  return ColumnKind::text;
}

PgParams pg_params(const std::vector<catalog::SqlParameter>& parameters) {
  PgParams params;
  for (const auto& parameter : parameters) params.emplace_back(parameter.text);
  return params;
}

// Runs `sql` and appends its rows, each serialized by the server as one JSON object.
void append_rows(PgConnection& connection, const std::string& sql, const PgParams& params, boost::json::array& out) {
  const PgResult rows = connection.exec_params("SELECT row_to_json(t)::text FROM (" + sql + ") t", params);
  for (int row = 0; row < rows.rows(); ++row) out.emplace_back(boost::json::parse(rows.text(row, 0)));
}

}  // namespace

PostgresCatalogReader::PostgresCatalogReader(PoolOptions pool, const Logger& logger, std::chrono::milliseconds timeout)
    : pool_(std::move(pool), logger),
      timeout_(timeout),
      begin_("BEGIN READ ONLY; SET LOCAL statement_timeout = " + std::to_string(timeout.count())) {
  // A login that may act as `reader` reads as it: a mistake in a query then meets the
  // grants of the read-only role as well as the READ ONLY transaction. SET LOCAL ends
  // with the transaction, so it holds behind PgBouncer's transaction pooling too.
  const bool may_read_as_reader = pool_.transact(begin_, [](PgConnection& connection) {
    const PgResult member = connection.exec(kReaderMembership);
    return member.rows() == 1 && member.text(0, 0) == "t";
  });
  if (may_read_as_reader) {
    begin_ += "; SET LOCAL ROLE reader";
  } else {
    logger.warning("the api reads as its login role: grant it the read-only role `reader` (docs/api.md)");
  }
}

std::vector<catalog::CatalogTable> PostgresCatalogReader::tables() {
  return pool_.transact(begin_, [](PgConnection& connection) {
    std::vector<catalog::CatalogTable> tables;
    const PgResult relations = connection.exec(kRelations);
    for (int row = 0; row < relations.rows(); ++row) {
      catalog::CatalogTable table{relations.string(row, 0), relations.text(row, 1) == "t", {}, {}};
      const PgResult columns = connection.exec_params(kColumns, {table.name});
      for (int c = 0; c < columns.rows(); ++c) {
        table.columns.push_back(
            catalog::CatalogColumn{columns.string(c, 0), kind_of(columns.text(c, 1)), columns.text(c, 2) == "t"});
      }
      const PgResult key = connection.exec_params(kKey, {table.name});
      for (int k = 0; k < key.rows(); ++k) table.primary_key.push_back(key.string(k, 0));
      tables.push_back(std::move(table));
    }
    return tables;
  });
}

catalog::CatalogPage PostgresCatalogReader::page(const catalog::CatalogSql& sql, std::size_t limit,
                                                 std::size_t offset) {
  const auto started = Clock::now();
  try {
    return pool_.transact(begin_, [&](PgConnection& connection) {
      catalog::CatalogPage page;
      PgParams params = pg_params(sql.parameters);
      page.total = connection.exec_params(sql.count, params).int64(0, 0);
      params.emplace_back(std::to_string(limit));
      params.emplace_back(std::to_string(offset));
      append_rows(connection, sql.page, params, page.rows);
      return page;
    });
  } catch (const StoreError&) {
    if (Clock::now() - started >= timeout_) throw catalog::CatalogTimeout("query timeout");
    throw;
  }
}

boost::json::array PostgresCatalogReader::rows(const std::string& sql,
                                               const std::vector<catalog::SqlParameter>& parameters) {
  const auto started = Clock::now();
  try {
    return pool_.transact(begin_, [&](PgConnection& connection) {
      boost::json::array out;
      append_rows(connection, sql, pg_params(parameters), out);
      return out;
    });
  } catch (const StoreError&) {
    if (Clock::now() - started >= timeout_) throw catalog::CatalogTimeout("query timeout");
    throw;
  }
}

}  // namespace bigbrotr::core::store::postgres
