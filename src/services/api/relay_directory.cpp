#include "services/api/relay_directory.hpp"

#include <boost/json/array.hpp>

#include <charconv>

namespace bigbrotr::services::api {
namespace {

using core::catalog::CatalogColumn;
using core::catalog::ColumnKind;
using core::catalog::SqlDialect;

// The columns every dialect's source yields, in order.
std::vector<CatalogColumn> directory_columns() {
  const auto text = [](const char* name) { return CatalogColumn{name, ColumnKind::text, true}; };
  const auto integer = [](const char* name) { return CatalogColumn{name, ColumnKind::integer, true}; };
  const auto real = [](const char* name) { return CatalogColumn{name, ColumnKind::real, true}; };
  return {text("relay_url"),      text("network"),        integer("discovered_at"), text("status"),
          text("reason"),         text("message"),        integer("checked_at"),    real("uptime_24h"),
          real("uptime_7d"),      real("uptime_30d"),     integer("checks_24h"),    integer("checks_7d"),
          integer("checks_30d"),  integer("last_up_at"),  integer("streak_alive"),  integer("streak_since"),
          integer("streak_checks"), integer("rtt_open_p50"), integer("rtt_open_p90"), integer("rtt_read_p50"),
          integer("rtt_read_p90"), integer("rtt_write_p50"), integer("rtt_write_p90"), text("name"),
          text("software"),       text("version"),        text("country"),          text("supported_nips"),
          text("requirements"),   text("claims")};
}

// What both sources share: relay and relay_uptime columns, and the joins.
constexpr const char* kUptimeColumns =
    "r.url AS relay_url, r.network AS network, r.discovered_at AS discovered_at, "
    "COALESCE(u.status, 'unchecked') AS status, COALESCE(u.reason, '') AS reason, "
    "COALESCE(u.message, '') AS message, u.checked_at AS checked_at, u.uptime_24h AS uptime_24h, "
    "u.uptime_7d AS uptime_7d, u.uptime_30d AS uptime_30d, COALESCE(u.checks_24h, 0) AS checks_24h, "
    "COALESCE(u.checks_7d, 0) AS checks_7d, COALESCE(u.checks_30d, 0) AS checks_30d, u.last_up_at AS last_up_at, "
    "u.streak_alive AS streak_alive, u.streak_since AS streak_since, u.streak_checks AS streak_checks, "
    "u.rtt_open_p50 AS rtt_open_p50, u.rtt_open_p90 AS rtt_open_p90, u.rtt_read_p50 AS rtt_read_p50, "
    "u.rtt_read_p90 AS rtt_read_p90, u.rtt_write_p50 AS rtt_write_p50, u.rtt_write_p90 AS rtt_write_p90, ";
constexpr const char* kJoins =
    " FROM relay r LEFT JOIN relay_uptime u ON u.relay_url = r.url"
    " LEFT JOIN relay_metadata_latest n ON n.relay_url = r.url AND n.metadata_type = 'nip11_info'"
    " LEFT JOIN relay_metadata_latest g ON g.relay_url = r.url AND g.metadata_type = 'nip66_geo'";

// The NIP list is the document's own JSON array with its brackets turned into commas
// ("[1, 11]" → ",1,11,"): one string operation per row instead of a subquery, which keeps
// a filtered page of 10,000 relays within the latency target (README, Benchmarks). Only
// numbers can match a ",N," filter, and present_directory_row keeps only numbers.
// SQLite: JSON true reads as 1; a NIP list that is not an array lists nothing.
constexpr const char* kSqliteDocumentColumns =
    "json_extract(n.data, '$.data.name') AS name, json_extract(n.data, '$.data.software') AS software, "
    "json_extract(n.data, '$.data.version') AS version, json_extract(g.data, '$.data.geo_country') AS country, "
    "CASE WHEN json_type(n.data, '$.data.supported_nips') = 'array' THEN replace(replace(replace("
    "json_extract(n.data, '$.data.supported_nips'), '[', ','), ']', ','), ' ', '') ELSE '' END AS supported_nips, "
    "',' || CASE WHEN json_extract(n.data, '$.data.limitation.auth_required') = 1 OR u.reason = 'auth' "
    "THEN 'auth,' ELSE '' END || CASE WHEN json_extract(n.data, '$.data.limitation.payment_required') = 1 "
    "OR u.reason = 'payment' THEN 'payment,' ELSE '' END || CASE WHEN (json_type(n.data, "
    "'$.data.limitation.min_pow_difficulty') IN ('integer', 'real') AND json_extract(n.data, "
    "'$.data.limitation.min_pow_difficulty') > 0) OR u.reason = 'pow' THEN 'pow,' ELSE '' END || CASE WHEN "
    "json_extract(n.data, '$.data.limitation.restricted_writes') = 1 OR u.reason = 'writes' THEN 'writes,' "
    "ELSE '' END AS requirements, COALESCE(u.claims, '') AS claims";

constexpr const char* kPostgresDocumentColumns =
    "n.data -> 'data' ->> 'name' AS name, n.data -> 'data' ->> 'software' AS software, "
    "n.data -> 'data' ->> 'version' AS version, g.data -> 'data' ->> 'geo_country' AS country, "
    "CASE WHEN jsonb_typeof(n.data -> 'data' -> 'supported_nips') = 'array' THEN "
    "translate((n.data -> 'data' -> 'supported_nips')::TEXT, '[] ', ',,') ELSE '' END AS supported_nips, "
    "',' || CASE WHEN n.data -> 'data' -> 'limitation' ->> 'auth_required' = 'true' OR u.reason = 'auth' "
    "THEN 'auth,' ELSE '' END || CASE WHEN n.data -> 'data' -> 'limitation' ->> 'payment_required' = 'true' "
    "OR u.reason = 'payment' THEN 'payment,' ELSE '' END || CASE WHEN (jsonb_typeof(n.data -> 'data' -> "
    "'limitation' -> 'min_pow_difficulty') = 'number' AND (n.data -> 'data' -> 'limitation' ->> "
    "'min_pow_difficulty')::NUMERIC > 0) OR u.reason = 'pow' THEN 'pow,' ELSE '' END || CASE WHEN "
    "n.data -> 'data' -> 'limitation' ->> 'restricted_writes' = 'true' OR u.reason = 'writes' THEN 'writes,' "
    "ELSE '' END AS requirements, COALESCE(u.claims, '') AS claims";

// ",a,b," or "a,b" → the non-empty items.
std::vector<std::string_view> items(std::string_view list) {
  std::vector<std::string_view> out;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const std::string_view item = list.substr(0, comma);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

boost::json::array text_items(const boost::json::value* list) {
  boost::json::array out;
  if (list == nullptr || !list->is_string()) return out;
  for (const std::string_view item : items(list->as_string())) out.emplace_back(item);
  return out;
}

boost::json::array number_items(const boost::json::value* list) {
  boost::json::array out;
  if (list == nullptr || !list->is_string()) return out;
  for (const std::string_view item : items(list->as_string())) {
    std::int64_t number = 0;
    const auto [end, failure] = std::from_chars(item.data(), item.data() + item.size(), number);
    if (failure == std::errc{} && end == item.data() + item.size()) out.emplace_back(number);
  }
  return out;
}

}  // namespace

core::catalog::CatalogTable relay_directory(SqlDialect dialect) {
  const char* documents = dialect == SqlDialect::postgresql ? kPostgresDocumentColumns : kSqliteDocumentColumns;
  return core::catalog::CatalogTable{.name = "relays",
                                     .is_view = true,
                                     .columns = directory_columns(),
                                     .primary_key = {"relay_url"},
                                     .source = std::string("(SELECT ") + kUptimeColumns + documents + kJoins +
                                               ") AS relays"};
}

void present_directory_row(boost::json::object& row) {
  row["supported_nips"] = number_items(row.if_contains("supported_nips"));
  row["requirements"] = text_items(row.if_contains("requirements"));
  row["claims"] = text_items(row.if_contains("claims"));
  if (const auto* alive = row.if_contains("streak_alive"); alive != nullptr && alive->is_int64())
    row["streak_alive"] = alive->as_int64() != 0;
}

}  // namespace bigbrotr::services::api
