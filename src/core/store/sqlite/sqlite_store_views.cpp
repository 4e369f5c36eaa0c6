// SqliteStore: the analytics tables (database.md §8), generic row reads and counts.
#include <algorithm>
#include <boost/json/object.hpp>

#include "core/store/sqlite/sqlite_rows.hpp"
#include "core/store/sqlite/sqlite_statements.hpp"
#include "core/store/sqlite/sqlite_store.hpp"
#include "models/hex.hpp"

namespace bigbrotr::core::store::sqlite {
namespace {

std::string quoted(std::string_view identifier) {
  std::string out = "\"";
  for (const char c : identifier) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + '"';
}

bool object_exists(Connection& connection, std::string_view name) {
  Statement select = connection.prepare(sql::kObjectExists);
  select.bind(1, name);
  return select.step() && select.column_int64(0) > 0;
}

std::string key_order(Connection& connection, std::string_view name) {
  Statement select = connection.prepare(sql::kKeyColumns);
  select.bind(1, name);
  std::string order;
  while (select.step()) order += (order.empty() ? " ORDER BY " : ", ") + quoted(select.column_text(0));
  return order;
}

// Byte columns become hex; columns declared JSON become JSON values, as PostgreSQL's jsonb.

}  // namespace

std::vector<std::string> SqliteStore::view_names() {
  return std::vector<std::string>(sql::kViewNames.begin(), sql::kViewNames.end());
}

void SqliteStore::refresh_view(std::string_view name) {
  if (std::find(sql::kViewNames.begin(), sql::kViewNames.end(), name) == sql::kViewNames.end()) {
    throw StoreError("sqlite: unknown view: " + std::string(name), false);
  }
  std::string fill(sql::kViewFillTemplate);
  for (std::size_t at = fill.find("{view}"); at != std::string::npos; at = fill.find("{view}")) {
    fill.replace(at, 6, name);
  }
  std::lock_guard lock(mutex_);
  Transaction transaction(connection_);
  connection_.exec(std::string(sql::kViewClearPrefix) + std::string(name));
  connection_.exec(fill);
  transaction.commit();
}

boost::json::array SqliteStore::read_rows(std::string_view name, std::size_t limit) {
  std::lock_guard lock(mutex_);
  if (!object_exists(connection_, name))
    throw StoreError("sqlite: no table or view " + std::string(name), false);
  const std::int64_t count =
      limit > static_cast<std::size_t>(INT64_MAX) ? INT64_MAX : static_cast<std::int64_t>(limit);
  Statement select =
      connection_.prepare_once(std::string(sql::kReadRowsPrefix) + quoted(name) +
                               key_order(connection_, name) + std::string(sql::kReadRowsLimit));
  select.bind(1, count);
  boost::json::array rows;
  while (select.step()) {
    boost::json::object row;
    for (int column = 0; column < select.column_count(); ++column) {
      row[select.column_name(column)] = column_value(select, column);
    }
    rows.emplace_back(std::move(row));
  }
  return rows;
}

TableCounts SqliteStore::counts() {
  std::lock_guard lock(mutex_);
  Statement select = connection_.prepare(sql::kCounts);
  select.step();
  return TableCounts{select.column_int64(0), select.column_int64(1), select.column_int64(2),
                     select.column_int64(3), select.column_int64(4), select.column_int64(5),
                     select.column_int64(6)};
}

}  // namespace bigbrotr::core::store::sqlite
