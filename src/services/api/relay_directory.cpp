#include "services/api/relay_directory.hpp"

#include <boost/json/array.hpp>

#include <charconv>

namespace bigbrotr::services::api {
namespace {

using core::catalog::CatalogColumn;
using core::catalog::ColumnKind;

// The columns of the relay_directory view, in order.
std::vector<CatalogColumn> directory_columns() {
  const auto text = [](const char* name) { return CatalogColumn{name, ColumnKind::text, true}; };
  const auto integer = [](const char* name) { return CatalogColumn{name, ColumnKind::integer, true}; };
  const auto real = [](const char* name) { return CatalogColumn{name, ColumnKind::real, true}; };
  return {text("relay_url"),        text("network"),          integer("discovered_at"),
          text("status"),           text("reason"),           text("message"),
          integer("checked_at"),    real("uptime_24h"),       real("uptime_7d"),
          real("uptime_30d"),       integer("checks_24h"),    integer("checks_7d"),
          integer("checks_30d"),    integer("last_up_at"),    integer("streak_alive"),
          integer("streak_since"),  integer("streak_checks"), integer("rtt_open_p50"),
          integer("rtt_open_p90"),  integer("rtt_read_p50"),  integer("rtt_read_p90"),
          integer("rtt_write_p50"), integer("rtt_write_p90"), text("name"),
          text("software"),         text("version"),          text("country"),
          text("supported_nips"),   text("requirements"),     text("claims")};
}

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

core::catalog::CatalogTable relay_directory() {
  return core::catalog::CatalogTable{.name = "relays",
                                     .is_view = true,
                                     .columns = directory_columns(),
                                     .primary_key = {"relay_url"},
                                     .source = "relay_directory"};
}

void present_directory_row(boost::json::object& row) {
  row["supported_nips"] = number_items(row.if_contains("supported_nips"));
  row["requirements"] = text_items(row.if_contains("requirements"));
  row["claims"] = text_items(row.if_contains("claims"));
  if (const auto* alive = row.if_contains("streak_alive"); alive != nullptr && alive->is_int64())
    row["streak_alive"] = alive->as_int64() != 0;
}

}  // namespace bigbrotr::services::api
