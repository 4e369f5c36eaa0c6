#pragma once

#include <libpq-fe.h>

#include <string>
#include <string_view>

#include "core/store/store.hpp"

namespace bigbrotr::core::store::postgres {

// True for the SQLSTATEs a retry on a fresh connection may cure: connection exceptions
// (class 08), too many connections (53300), serialization failure (40001), deadlock
// (40P01), admin/crash shutdown (57P01, 57P02) and cannot connect now (57P03). Anything
// else (syntax, constraint, data errors, query_canceled 57014) is a bug or bad data
// that would fail again.
bool is_transient_sqlstate(std::string_view sqlstate) noexcept;

// The StoreError for a failed command: `context` (what was attempted), the server's
// message and SQLSTATE. Transient when the SQLSTATE is, or when the connection itself
// is gone (a lost connection has no SQLSTATE).
StoreError make_store_error(std::string_view context, const PGconn* connection, const PGresult* result);

// The StoreError for a failed connection attempt; transient unless the server refused
// the credentials or the database (those do not heal by waiting).
StoreError make_connect_error(std::string_view target, const PGconn* connection);

}  // namespace bigbrotr::core::store::postgres
