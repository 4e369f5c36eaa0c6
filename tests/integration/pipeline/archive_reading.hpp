#pragma once

#include <boost/json/parse.hpp>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "core/store/store.hpp"
#include "models/event.hpp"

// Reading back what a run stored, through the Store interface only, the same way on both
// backends (read_rows shows byte columns as hex and JSON columns as JSON).
namespace bigbrotr::testing {

// More rows than any table of the suite holds, so a read is never cut short.
inline constexpr std::size_t kAllRows = 1'000'000;

// A JSON column's value: parsed when a backend hands it over as text.
inline boost::json::value json_column(const boost::json::value& value) {
  return value.is_string() ? boost::json::parse(value.as_string()) : value;
}

// The archived events by id (hex), each as its NIP-01 wire form rebuilt from the `event`
// row, or "unreadable: <reason>" when the row is no well-formed event.
inline std::map<std::string, std::string> archived_events(core::store::Store& store) {
  std::map<std::string, std::string> events;
  for (const auto& row : store.read_rows("event", kAllRows)) {
    const auto& columns = row.as_object();
    boost::json::object wire;
    for (const char* field : {"id", "pubkey", "created_at", "kind", "content", "sig"})
      wire[field] = columns.at(field);
    wire["tags"] = json_column(columns.at("tags"));
    auto event = models::Event::from_json(wire);
    events[std::string(columns.at("id").as_string())] =
        event ? event->to_json() : "unreadable: " + std::string(event.reason());
  }
  return events;
}

// The (relay URL, metadata type) pairs linked in relay_metadata.
inline std::set<std::pair<std::string, std::string>> linked_metadata_types(core::store::Store& store) {
  std::map<std::int64_t, std::string> urls;
  for (const auto& row : store.read_rows("relay", kAllRows)) {
    const auto& columns = row.as_object();
    urls[columns.at("id").to_number<std::int64_t>()] = std::string(columns.at("url").as_string());
  }
  std::set<std::pair<std::string, std::string>> linked;
  for (const auto& row : store.read_rows("relay_metadata", kAllRows)) {
    const auto& columns = row.as_object();
    linked.emplace(urls[columns.at("relay_id").to_number<std::int64_t>()],
                   std::string(columns.at("metadata_type").as_string()));
  }
  return linked;
}

// The rows of a view keyed by one of its text columns, as they are now (no refresh).
inline std::map<std::string, boost::json::object> view_rows_by(core::store::Store& store,
                                                               std::string_view view,
                                                               const char* key_column) {
  std::map<std::string, boost::json::object> rows;
  for (const auto& row : store.read_rows(view, kAllRows)) {
    const auto& columns = row.as_object();
    rows[std::string(columns.at(key_column).as_string())] = columns;
  }
  return rows;
}

}  // namespace bigbrotr::testing
