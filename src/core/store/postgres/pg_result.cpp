#include "core/store/postgres/pg_result.hpp"

#include <charconv>

#include "core/store/store.hpp"

namespace bigbrotr::core::store::postgres {

std::string PgResult::sqlstate() const {
  const char* state = PQresultErrorField(result_.get(), PG_DIAG_SQLSTATE);
  return state == nullptr ? std::string() : std::string(state);
}

std::string_view PgResult::text(int row, int column) const noexcept {
  const char* value = PQgetvalue(result_.get(), row, column);
  if (value == nullptr) return {};
  return {value, static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
}

std::int64_t PgResult::int64(int row, int column) const {
  if (is_null(row, column)) return 0;
  const std::string_view value = text(row, column);
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || end != value.data() + value.size()) {
    throw StoreError("postgresql: expected an integer in column " + std::to_string(column) + ", got '" +
                         std::string(value.substr(0, 40)) + "'",
                     false);
  }
  return number;
}

std::int64_t PgResult::affected_rows() const noexcept {
  const char* count = PQcmdTuples(result_.get());
  if (count == nullptr || *count == '\0') return 0;
  std::int64_t number = 0;
  const std::string_view text(count);
  std::from_chars(text.data(), text.data() + text.size(), number);
  return number;
}

}  // namespace bigbrotr::core::store::postgres
