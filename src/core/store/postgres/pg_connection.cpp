#include "core/store/postgres/pg_connection.hpp"

#include <poll.h>

#include <algorithm>

#include "core/store/postgres/pg_errors.hpp"

namespace bigbrotr::core::store::postgres {
namespace {

// What a statement is, for error messages: its first line, shortened.
std::string describe(std::string_view sql) {
  const std::size_t end = std::min(sql.find('\n'), std::size_t{80});
  return std::string(sql.substr(0, end));
}

}  // namespace

std::unique_ptr<PgConnection> PgConnection::open(const ConnectionSettings& settings) {
  const std::string timeout = std::to_string(std::max(settings.connect_timeout_seconds, 2));
  // dbname is expanded first (expand_dbname = 1), so the entries after it override
  // whatever the URL or conninfo string says.
  std::vector<const char*> keywords = {"dbname", "application_name", "connect_timeout", "client_encoding"};
  std::vector<const char*> values = {settings.target.c_str(), settings.application_name.c_str(),
                                     timeout.c_str(), "UTF8"};
  if (settings.user) {
    keywords.push_back("user");
    values.push_back(settings.user->c_str());
  }
  if (settings.password) {
    keywords.push_back("password");
    values.push_back(settings.password->c_str());
  }
  keywords.push_back(nullptr);
  values.push_back(nullptr);
  PGconn* connection = PQconnectdbParams(keywords.data(), values.data(), 1);
  if (connection == nullptr || PQstatus(connection) != CONNECTION_OK) {
    StoreError error = make_connect_error(settings.display, connection);
    PQfinish(connection);
    throw error;
  }
  return std::unique_ptr<PgConnection>(new PgConnection(connection));
}

PgConnection::PgConnection(PGconn* connection) noexcept
    : connection_(connection), last_used_(std::chrono::steady_clock::now()) {}

PgConnection::~PgConnection() { PQfinish(connection_); }

PgResult PgConnection::checked(PGresult* raw, std::string_view context) {
  ++queries_;
  last_used_ = std::chrono::steady_clock::now();
  PgResult result(raw);
  const ExecStatusType status = result.status();
  if (result && (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)) return result;
  throw make_store_error(describe(context), connection_, result.get());
}

PgResult PgConnection::exec(std::string_view sql) {
  const std::string text(sql);
  return checked(PQexec(connection_, text.c_str()), sql);
}

PgResult PgConnection::exec_params(const std::string& sql, const PgParams& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& param : params) values.push_back(param ? param->c_str() : nullptr);
  return checked(PQexecParams(connection_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                              values.data(), nullptr, nullptr, 0),
                 sql);
}

void PgConnection::copy_in(const std::string& sql, std::string_view data) {
  ++queries_;
  PgResult start(PQexec(connection_, sql.c_str()));
  if (!start || start.status() != PGRES_COPY_IN)
    throw make_store_error(describe(sql), connection_, start.get());
  // libpq buffers; chunks keep each call's copy small.
  constexpr std::size_t kChunk = 1 << 20;
  bool sent = true;
  for (std::size_t offset = 0; offset < data.size() && sent; offset += kChunk) {
    const std::size_t size = std::min(kChunk, data.size() - offset);
    sent = PQputCopyData(connection_, data.data() + offset, static_cast<int>(size)) == 1;
  }
  const bool ended = PQputCopyEnd(connection_, sent ? nullptr : "client could not send data") == 1;
  // Drain every result so the connection is ready for the next command.
  std::optional<StoreError> failure;
  while (PGresult* raw = PQgetResult(connection_)) {
    PgResult result(raw);
    if (result.status() != PGRES_COMMAND_OK && !failure)
      failure = make_store_error(describe(sql), connection_, raw);
  }
  if (!failure && (!sent || !ended)) failure = make_store_error(describe(sql), connection_, nullptr);
  last_used_ = std::chrono::steady_clock::now();
  if (failure) throw *failure;
}

bool PgConnection::usable() noexcept {
  if (PQstatus(connection_) != CONNECTION_OK) return false;
  // An idle connection has nothing to read; readable means the server sent an error or
  // closed the socket (terminated backend, restart, PgBouncer timeout).
  pollfd descriptor{PQsocket(connection_), POLLIN, 0};
  if (descriptor.fd < 0) return false;
  // Nothing legitimate arrives unasked here (no LISTEN), so anything readable condemns it.
  return ::poll(&descriptor, 1, 0) == 0 && PQtransactionStatus(connection_) == PQTRANS_IDLE;
}

bool PgConnection::idle_outside_transaction() const noexcept {
  return PQstatus(connection_) == CONNECTION_OK && PQtransactionStatus(connection_) == PQTRANS_IDLE;
}

}  // namespace bigbrotr::core::store::postgres
