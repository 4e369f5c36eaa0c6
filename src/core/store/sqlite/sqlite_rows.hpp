#pragma once

#include <array>
#include <boost/json/value.hpp>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/store/sqlite/sqlite_connection.hpp"
#include "models/enums.hpp"
#include "models/relay.hpp"
#include "models/relay_status.hpp"
#include "models/service_state.hpp"

// Conversions between model values and SQLite rows, shared by the SqliteStore sources.
// All take a connection the caller already serialises.
namespace bigbrotr::core::store::sqlite {

// A JSON array of the networks' names, bound as a list parameter (json_each).
std::string network_list(std::span<const models::NetworkType> networks);
// A JSON array of strings.
std::string string_list(std::span<const std::string> values);

// A relay read back from the database (stored URLs are canonical; local ones are allowed
// since only an operator who allowed them could have stored them). Throws StoreError for
// a row that is not a canonical URL.
models::Relay stored_relay(std::string_view url, std::int64_t discovered_at);

// One column of a result row as JSON: NULL, integer, real, bytes as lower-case hex, text,
// or parsed JSON for columns declared "JSON TEXT".
boost::json::value column_value(const Statement& row, int column);

// JSON text stored by the store itself; throws StoreError when it does not parse.
boost::json::value stored_json(std::string_view text);

// Inserts the relay unless its URL exists; returns its compact id.
std::int64_t ensure_relay(Connection& connection, const models::Relay& relay);

// A size_t limit as SQLite's 64-bit integer (larger values saturate).
std::int64_t as_limit(std::size_t limit);

// A status verdict read back from a relay_status row; throws StoreError for unknown codes.
models::StatusVerdict stored_verdict(std::string_view status, std::string_view reason, std::string message);

// Relay ids already looked up in one call (inserting missing relays): a batch usually
// comes from a handful of relays.
class RelayIds {
 public:
  explicit RelayIds(Connection& connection) : connection_(connection) {}

  std::int64_t of(const models::Relay& relay);

 private:
  Connection& connection_;
  std::unordered_map<std::string, std::int64_t> ids_;
};

// Upserts state rows (whole values replaced); duplicates of one key in `states` collapse
// to the last. Returns the number of distinct keys written. No transaction of its own.
std::size_t upsert_states(Connection& connection, std::span<const models::ServiceState> states);

// Decodes 64 lower-case hex characters to 32 bytes; throws StoreError otherwise.
std::array<std::uint8_t, 32> decode_event_id(std::string_view hex);

}  // namespace bigbrotr::core::store::sqlite
