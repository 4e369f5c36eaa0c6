#include "services/api/catalog_routes.hpp"

#include <algorithm>

#include "core/catalog/catalog_sql.hpp"
#include "services/api/api_json.hpp"

namespace bigbrotr::services::api {
namespace {

namespace json = boost::json;
using core::catalog::CatalogTable;
using core::catalog::ColumnKind;

std::string_view kind_name(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::integer: return "integer";
    case ColumnKind::real: return "real";
    case ColumnKind::text: return "text";
    case ColumnKind::bytes: return "bytes";
    case ColumnKind::json: return "json";
    case ColumnKind::boolean: return "boolean";
  }
  return "text";
}

json::object table_summary(const CatalogTable& table) {
  return json::object{{"name", table.name},
                      {"is_view", table.is_view},
                      {"columns", table.columns.size()},
                      {"has_primary_key", !table.primary_key.empty()}};
}

json::object table_detail(const CatalogTable& table) {
  json::array columns;
  for (const auto& column : table.columns)
    columns.emplace_back(json::object{{"name", column.name}, {"type", kind_name(column.kind)}, {"nullable", column.nullable}});
  json::array key;
  for (const auto& name : table.primary_key) key.emplace_back(json::string(name));
  return json::object{{"name", table.name}, {"is_view", table.is_view}, {"columns", std::move(columns)},
                      {"primary_key", std::move(key)}};
}

// "a/b/c" → {"a", "b/c"}: split on the first '/'.
std::pair<std::string_view, std::string_view> first_segment(std::string_view path) {
  const auto slash = path.find('/');
  if (slash == std::string_view::npos) return {path, {}};
  return {path.substr(0, slash), path.substr(slash + 1)};
}

}  // namespace

CatalogRoutes::CatalogRoutes(std::vector<CatalogTable> exposed, core::catalog::PageLimits limits,
                             core::catalog::CatalogReader& reader, const core::Logger& logger)
    : exposed_(std::move(exposed)), limits_(limits), reader_(reader), logger_(logger) {}

bool CatalogRoutes::has_table(std::string_view name) const {
  return std::ranges::find(exposed_, name, &CatalogTable::name) != exposed_.end();
}

std::optional<core::HttpResponse> CatalogRoutes::answer(std::string_view path, std::string_view query) const {
  const auto [head, tail] = first_segment(path);
  if (head == "schema") return schema(tail);
  const auto table = std::ranges::find(exposed_, head, &CatalogTable::name);
  if (table == exposed_.end()) return std::nullopt;
  return rows(*table, tail, query);
}

core::HttpResponse CatalogRoutes::schema(std::string_view table_name) const {
  if (table_name.empty()) {
    json::array tables;
    for (const auto& table : exposed_) tables.emplace_back(table_summary(table));
    return json_response(200, json::object{{"data", std::move(tables)}});
  }
  const auto table = std::ranges::find(exposed_, table_name, &CatalogTable::name);
  if (table == exposed_.end()) return json_error(404, "table not found");
  return json_response(200, json::object{{"data", table_detail(*table)}});
}

core::HttpResponse CatalogRoutes::rows(const CatalogTable& table, std::string_view key_path,
                                       std::string_view query_string) const {
  const bool by_key = !key_path.empty();
  auto query = by_key ? core::catalog::key_query(table, key_path)
                      : core::catalog::parse_catalog_query(table, query_string, limits_);
  if (!query) return json_error(400, query.error().reason);
  return guarded_query(logger_, table.name, [&] {
    const auto sql = core::catalog::build_catalog_sql(table, *query, reader_.dialect());
    core::catalog::CatalogPage page = reader_.page(sql, query->limit, query->offset);
    if (by_key) {
      if (page.rows.empty()) return json_error(404, "not found");
      return json_response(200, json::object{{"data", std::move(page.rows.front())}});
    }
    return json_response(200, json::object{{"data", std::move(page.rows)},
                                           {"meta", json::object{{"total", page.total},
                                                                 {"limit", query->limit},
                                                                 {"offset", query->offset},
                                                                 {"table", table.name}}}});
  });
}

}  // namespace bigbrotr::services::api
