#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace bigbrotr::core::store::postgres {

// Owns one libpq result (PQclear on destruction). Move-only. Row and column indexes are
// not range-checked beyond what libpq does (it returns "" or NULL out of range).
class PgResult {
 public:
  explicit PgResult(PGresult* result) noexcept : result_(result, &PQclear) {}

  PGresult* get() const noexcept { return result_.get(); }
  explicit operator bool() const noexcept { return result_ != nullptr; }
  ExecStatusType status() const noexcept { return PQresultStatus(result_.get()); }
  // The SQLSTATE of a failed command, "" when there is none (e.g. the connection broke).
  std::string sqlstate() const;

  int rows() const noexcept { return PQntuples(result_.get()); }
  int columns() const noexcept { return PQnfields(result_.get()); }
  bool is_null(int row, int column) const noexcept { return PQgetisnull(result_.get(), row, column) != 0; }
  // The text form of a value; "" for NULL.
  std::string_view text(int row, int column) const noexcept;
  std::string string(int row, int column) const { return std::string(text(row, column)); }
  // A value of an integer column (or 0 for NULL). Throws StoreError when it is not one.
  std::int64_t int64(int row, int column) const;
  // The rows a command affected (INSERT/UPDATE/DELETE), 0 when not reported.
  std::int64_t affected_rows() const noexcept;

 private:
  std::unique_ptr<PGresult, decltype(&PQclear)> result_;
};

}  // namespace bigbrotr::core::store::postgres
