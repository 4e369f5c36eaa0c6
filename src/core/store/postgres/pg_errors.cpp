#include "core/store/postgres/pg_errors.hpp"

#include <array>

namespace bigbrotr::core::store::postgres {
namespace {

// libpq messages end with a newline; several lines when the server adds detail.
std::string trimmed(const char* message) {
  std::string text = message == nullptr ? std::string() : std::string(message);
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

bool is_transient_sqlstate(std::string_view sqlstate) noexcept {
  if (sqlstate.size() != 5) return false;
  if (sqlstate.starts_with("08")) return true;
  constexpr std::array<std::string_view, 6> kTransient = {"53300", "40001", "40P01",
                                                          "57P01", "57P02", "57P03"};
  for (const std::string_view state : kTransient) {
    if (sqlstate == state) return true;
  }
  return false;
}

StoreError make_store_error(std::string_view context, const PGconn* connection, const PGresult* result) {
  const char* state = result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const std::string sqlstate = state == nullptr ? std::string() : std::string(state);
  std::string message = trimmed(result != nullptr ? PQresultErrorMessage(result) : nullptr);
  if (message.empty()) message = trimmed(PQerrorMessage(connection));
  const bool lost = connection == nullptr || PQstatus(connection) == CONNECTION_BAD;
  std::string text =
      "postgresql: " + std::string(context) + ": " + (message.empty() ? "unknown error" : message);
  if (!sqlstate.empty()) text += " (SQLSTATE " + sqlstate + ")";
  return StoreError(text, lost || is_transient_sqlstate(sqlstate));
}

StoreError make_connect_error(std::string_view target, const PGconn* connection) {
  const std::string message = trimmed(connection == nullptr ? "out of memory" : PQerrorMessage(connection));
  // libpq reports no SQLSTATE for connection failures; these texts are the server's
  // refusals that no retry can change.
  // PgBouncer words a wrong SCRAM password as "SASL authentication failed".
  const bool permanent = message.find("password authentication failed") != std::string::npos ||
                         message.find("SASL authentication failed") != std::string::npos ||
                         message.find("does not exist") != std::string::npos ||
                         message.find("no pg_hba.conf entry") != std::string::npos;
  return StoreError("postgresql: cannot connect to " + std::string(target) + ": " + message, !permanent);
}

}  // namespace bigbrotr::core::store::postgres
