#include "core/store/sqlite/sqlite_catalog_reader.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <vector>

#include "core/store/sqlite/sqlite_rows.hpp"
#include "models/hex.hpp"

namespace bigbrotr::core::store::sqlite {
namespace {

using Clock = std::chrono::steady_clock;
using catalog::ColumnKind;

// SQLite calls this every kProgressSteps virtual machine steps; non-zero interrupts.
constexpr int kProgressSteps = 1000;

int past_deadline(void* deadline) { return Clock::now() > *static_cast<Clock::time_point*>(deadline) ? 1 : 0; }

// The kind of a column from its declared type, by SQLite's affinity rules plus the
// schema's "JSON TEXT" convention.
ColumnKind kind_of(std::string_view declared) {
  std::string upper(declared);
  std::ranges::transform(upper, upper.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (upper.find("JSON") != std::string::npos) return ColumnKind::json;
  if (upper.find("INT") != std::string::npos) return ColumnKind::integer;
  if (upper.find("BOOL") != std::string::npos) return ColumnKind::boolean;
  if (upper.find("BLOB") != std::string::npos) return ColumnKind::bytes;
  if (upper.find("REAL") != std::string::npos || upper.find("FLOA") != std::string::npos ||
      upper.find("DOUB") != std::string::npos)
    return ColumnKind::real;
  return ColumnKind::text;
}

// Binds one parameter as its column's type; the catalog query checked its form.
void bind(Statement& statement, int index, const catalog::SqlParameter& parameter) {
  const std::string& text = parameter.text;
  switch (parameter.kind) {
    case ColumnKind::integer: {
      std::int64_t value = 0;
      std::from_chars(text.data(), text.data() + text.size(), value);
      statement.bind(index, value);
      return;
    }
    case ColumnKind::real: {
      double value = 0;
      std::from_chars(text.data(), text.data() + text.size(), value);
      statement.bind_double(index, value);
      return;
    }
    case ColumnKind::boolean:
      statement.bind(index, static_cast<std::int64_t>(text == "true" ? 1 : 0));
      return;
    case ColumnKind::bytes: {
      std::vector<std::uint8_t> bytes(text.size() / 2);
      models::decode_hex_any_case(text, bytes);
      statement.bind_blob(index, bytes);
      return;
    }
    case ColumnKind::text:
    case ColumnKind::json:
      statement.bind(index, std::string_view(text));
      return;
  }
}

void bind_all(Statement& statement, const std::vector<catalog::SqlParameter>& parameters) {
  for (std::size_t i = 0; i < parameters.size(); ++i) bind(statement, static_cast<int>(i + 1), parameters[i]);
}

// Every remaining row of `statement` as an object by column name.
void append_rows(Statement& statement, boost::json::array& out) {
  while (statement.step()) {
    boost::json::object row;
    for (int column = 0; column < statement.column_count(); ++column)
      row[statement.column_name(column)] = column_value(statement, column);
    out.emplace_back(std::move(row));
  }
}

// Installs the deadline for the lifetime of one query.
class DeadlineGuard {
 public:
  DeadlineGuard(sqlite3* db, std::chrono::milliseconds timeout) : db_(db), deadline_(Clock::now() + timeout) {
    sqlite3_progress_handler(db_, kProgressSteps, past_deadline, &deadline_);
  }
  ~DeadlineGuard() { sqlite3_progress_handler(db_, 0, nullptr, nullptr); }
  DeadlineGuard(const DeadlineGuard&) = delete;
  DeadlineGuard& operator=(const DeadlineGuard&) = delete;

  bool passed() const { return Clock::now() > deadline_; }

 private:
  sqlite3* db_;
  Clock::time_point deadline_;
};

}  // namespace

SqliteCatalogReader::SqliteCatalogReader(const std::string& path, std::chrono::milliseconds timeout)
    : connection_(path, OpenMode::read_only), timeout_(timeout) {}

std::vector<catalog::CatalogTable> SqliteCatalogReader::tables() {
  std::vector<catalog::CatalogTable> tables;
  Statement names = connection_.prepare_once(
      "SELECT name, type = 'view' FROM sqlite_schema WHERE type IN ('table', 'view') "
      "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
  while (names.step()) tables.push_back(catalog::CatalogTable{names.column_text(0), names.column_int64(1) != 0, {}, {}});
  for (catalog::CatalogTable& table : tables) {
    Statement columns = connection_.prepare_once("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?1) ORDER BY cid");
    columns.bind(1, std::string_view(table.name));
    std::vector<std::pair<std::int64_t, std::string>> key;
    while (columns.step()) {
      std::string name = columns.column_text(0);
      table.columns.push_back(catalog::CatalogColumn{name, kind_of(columns.column_text(1)), columns.column_int64(2) == 0});
      if (columns.column_int64(3) > 0) key.emplace_back(columns.column_int64(3), std::move(name));
    }
    std::ranges::sort(key);
    for (auto& [position, name] : key) table.primary_key.push_back(std::move(name));
  }
  return tables;
}

catalog::CatalogPage SqliteCatalogReader::page(const catalog::CatalogSql& sql, std::size_t limit, std::size_t offset) {
  const DeadlineGuard deadline(connection_.handle(), timeout_);
  catalog::CatalogPage page;
  try {
    Statement count = connection_.prepare_once(sql.count);
    bind_all(count, sql.parameters);
    if (count.step()) page.total = count.column_int64(0);
    Statement rows = connection_.prepare_once(sql.page);
    bind_all(rows, sql.parameters);
    const int first_page_slot = static_cast<int>(sql.parameters.size()) + 1;
    rows.bind(first_page_slot, static_cast<std::int64_t>(limit));
    rows.bind(first_page_slot + 1, static_cast<std::int64_t>(offset));
    append_rows(rows, page.rows);
  } catch (const StoreError&) {
    if (deadline.passed()) throw catalog::CatalogTimeout("query timeout");
    throw;
  }
  return page;
}

boost::json::array SqliteCatalogReader::rows(const std::string& sql,
                                             const std::vector<catalog::SqlParameter>& parameters) {
  const DeadlineGuard deadline(connection_.handle(), timeout_);
  boost::json::array out;
  try {
    Statement statement = connection_.prepare_once(sql);
    bind_all(statement, parameters);
    append_rows(statement, out);
  } catch (const StoreError&) {
    if (deadline.passed()) throw catalog::CatalogTimeout("query timeout");
    throw;
  }
  return out;
}

}  // namespace bigbrotr::core::store::sqlite
