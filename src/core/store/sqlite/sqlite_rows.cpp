#include "core/store/sqlite/sqlite_rows.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <map>
#include <tuple>

#include "core/store/sqlite/sqlite_statements.hpp"
#include "models/hex.hpp"

namespace bigbrotr::core::store::sqlite {

std::string network_list(std::span<const models::NetworkType> networks) {
  boost::json::array list;
  for (const models::NetworkType network : networks) list.emplace_back(models::to_string(network));
  return boost::json::serialize(list);
}

std::string string_list(std::span<const std::string> values) {
  boost::json::array list;
  for (const std::string& value : values) list.emplace_back(value);
  return boost::json::serialize(list);
}

models::Relay stored_relay(std::string_view url, std::int64_t discovered_at) {
  auto relay = models::Relay::from_canonical(url, {.allow_local = true}, discovered_at);
  if (!relay) throw StoreError("sqlite: stored relay url is invalid: " + relay.reason(), false);
  return std::move(relay).value();
}

boost::json::value stored_json(std::string_view text) {
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(text, error);
  if (error) throw StoreError("sqlite: stored JSON does not parse: " + error.message(), false);
  return value;
}

boost::json::value column_value(const Statement& row, int column) {
  switch (row.column_type(column)) {
    case SQLITE_NULL:
      return nullptr;
    case SQLITE_INTEGER:
      return row.column_int64(column);
    case SQLITE_FLOAT:
      return row.column_double(column);
    case SQLITE_BLOB:
      return boost::json::string(models::to_hex(row.column_blob(column)));
    default:
      break;
  }
  std::string text = row.column_text(column);
  if (row.column_decltype(column).find("JSON") != std::string_view::npos) return stored_json(text);
  return boost::json::string(text);
}

std::int64_t as_limit(std::size_t limit) {
  return limit > static_cast<std::size_t>(INT64_MAX) ? INT64_MAX : static_cast<std::int64_t>(limit);
}

models::StatusVerdict stored_verdict(std::string_view status, std::string_view reason, std::string message) {
  auto verdict = models::verdict_from_codes(status, reason, std::move(message));
  if (!verdict) {
    throw StoreError("sqlite: relay_status row has unknown codes '" + std::string(status) + "', '" +
                         std::string(reason) + "'",
                     false);
  }
  return *verdict;
}

std::int64_t RelayIds::of(const models::Relay& relay) {
  auto found = ids_.find(relay.url());
  if (found != ids_.end()) return found->second;
  const std::int64_t id = ensure_relay(connection_, relay);
  ids_.emplace(relay.url(), id);
  return id;
}

std::int64_t ensure_relay(Connection& connection, const models::Relay& relay) {
  connection.prepare(sql::kRelayInsert)
      .bind(1, relay.url())
      .bind(2, models::to_string(relay.network()))
      .bind(3, relay.discovered_at())
      .run();
  Statement select = connection.prepare(sql::kRelayId);
  select.bind(1, relay.url());
  if (!select.step()) throw StoreError("sqlite: relay row vanished: " + relay.url(), false);
  return select.column_int64(0);
}

std::size_t upsert_states(Connection& connection, std::span<const models::ServiceState> states) {
  using Key = std::tuple<models::ServiceName, models::ServiceStateType, std::string_view>;
  std::map<Key, const models::ServiceState*> last;
  for (const models::ServiceState& state : states)
    last[{state.service(), state.type(), state.key()}] = &state;
  Statement upsert = connection.prepare(sql::kStateUpsert);
  for (const auto& [key, state] : last) {
    upsert.bind(1, models::to_string(state->service()))
        .bind(2, models::to_string(state->type()))
        .bind(3, state->key())
        .bind(4, state->value_json())
        .run();
    upsert.reset();
  }
  return last.size();
}

std::array<std::uint8_t, 32> decode_event_id(std::string_view hex) {
  std::array<std::uint8_t, 32> bytes{};
  if (!models::decode_hex_lower(hex, bytes))
    throw StoreError("sqlite: event id is not 64 lower-case hex", false);
  return bytes;
}

}  // namespace bigbrotr::core::store::sqlite
