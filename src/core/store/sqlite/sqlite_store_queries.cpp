// SqliteStore: the service queries of database.md §13 and orphan clean-up.
#include <algorithm>
#include <boost/json/array.hpp>

#include "core/store/sqlite/sqlite_rows.hpp"
#include "core/store/sqlite/sqlite_statements.hpp"
#include "core/store/sqlite/sqlite_store.hpp"

namespace bigbrotr::core::store::sqlite {
namespace {

std::vector<std::string> string_items(const boost::json::value& value) {
  std::vector<std::string> items;
  if (!value.is_array()) return items;
  for (const boost::json::value& item : value.get_array()) {
    if (item.is_string()) items.emplace_back(item.get_string());
  }
  return items;
}

// Deletes in rounds of batch_size (each its own short transaction, so writers in other
// processes get their turn) until a round falls short.
std::size_t delete_in_rounds(Connection& connection, const char* statement, std::size_t batch_size) {
  const std::int64_t limit = as_limit(std::max<std::size_t>(batch_size, 1));
  std::size_t total = 0;
  while (true) {
    connection.prepare(statement).bind(1, limit).run();
    const std::int64_t deleted = connection.changes();
    total += static_cast<std::size_t>(deleted);
    if (deleted < limit) return total;
  }
}

}  // namespace

std::vector<DueRelay> SqliteStore::due_relays(std::span<const models::NetworkType> networks,
                                              std::int64_t checked_before, std::size_t limit) {
  std::lock_guard lock(mutex_);
  Statement select = connection_.prepare(sql::kDueRelays);
  select.bind(1, network_list(networks)).bind(2, checked_before).bind(3, as_limit(limit));
  std::vector<DueRelay> result;
  while (select.step()) {
    result.push_back(
        DueRelay{stored_relay(select.column_text(0), select.column_int64(1)), select.column_int64(2)});
  }
  return result;
}

std::vector<RelayCursor> SqliteStore::relay_cursors(models::ServiceName service,
                                                    std::span<const models::NetworkType> networks) {
  std::lock_guard lock(mutex_);
  Statement select = connection_.prepare(sql::kRelayCursors);
  select.bind(1, models::to_string(service));
  if (!networks.empty()) select.bind(2, network_list(networks));
  std::vector<RelayCursor> result;
  while (select.step()) {
    result.push_back(RelayCursor{stored_relay(select.column_text(0), select.column_int64(1)),
                                 select.column_int64(2), select.column_text(3)});
  }
  return result;
}

std::vector<TagScanRow> SqliteStore::scan_tag_values(std::string_view relay_url, std::int64_t after_seen_at,
                                                     std::string_view after_event_id, std::size_t limit) {
  const auto after_id = decode_event_id(after_event_id);
  std::lock_guard lock(mutex_);
  Statement select = connection_.prepare(sql::kScanTagValues);
  select.bind(1, relay_url).bind(2, after_seen_at).bind_blob(3, after_id).bind(4, as_limit(limit));
  std::vector<TagScanRow> rows;
  while (select.step()) {
    rows.push_back(TagScanRow{select.column_int64(0), select.column_text(1),
                              string_items(stored_json(select.column_text(2)))});
  }
  return rows;
}

std::size_t SqliteStore::delete_stale_state(models::ServiceName service, models::ServiceStateType type,
                                            std::span<const std::string> keep_keys) {
  std::lock_guard lock(mutex_);
  connection_.prepare(sql::kStateDeleteStale)
      .bind(1, models::to_string(service))
      .bind(2, models::to_string(type))
      .bind(3, string_list(keep_keys))
      .run();
  return static_cast<std::size_t>(connection_.changes());
}

std::size_t SqliteStore::delete_orphan_events(std::size_t batch_size) {
  std::lock_guard lock(mutex_);
  return delete_in_rounds(connection_, sql::kOrphanEventsDelete, batch_size);
}

std::size_t SqliteStore::delete_orphan_metadata(std::size_t batch_size) {
  std::lock_guard lock(mutex_);
  return delete_in_rounds(connection_, sql::kOrphanMetadataDelete, batch_size);
}

}  // namespace bigbrotr::core::store::sqlite
