// SqliteStore: the status rows of the status model (docs/status.md).
#include <algorithm>

#include "core/store/sqlite/sqlite_rows.hpp"
#include "core/store/sqlite/sqlite_statements.hpp"
#include "core/store/sqlite/sqlite_store.hpp"

namespace bigbrotr::core::store::sqlite {
namespace {

void bind_optional(Statement& statement, int index, const std::optional<std::int64_t>& value) {
  if (value) {
    statement.bind(index, *value);
  } else {
    statement.bind_null(index);
  }
}

std::optional<std::int64_t> optional_int(const Statement& row, int column) {
  if (row.is_null(column)) return std::nullopt;
  return row.column_int64(column);
}

}  // namespace

std::size_t SqliteStore::insert_relay_statuses(std::span<const models::RelayStatusRecord> records) {
  std::lock_guard lock(mutex_);
  Transaction transaction(connection_);
  RelayIds relay_ids(connection_);
  std::size_t written = 0;
  for (const models::RelayStatusRecord& record : records) {
    const std::string reason = record.verdict.reason_code();
    Statement insert = connection_.prepare(sql::kRelayStatusInsert);
    insert.bind(1, relay_ids.of(record.relay))
        .bind(2, record.checked_at)
        .bind(3, models::to_string(record.verdict.status))
        .bind(4, reason)
        .bind(5, record.verdict.message);
    bind_optional(insert, 6, record.rtt_open);
    bind_optional(insert, 7, record.rtt_read);
    bind_optional(insert, 8, record.rtt_write);
    const std::string claims = models::claims_text(record.claims);
    insert.bind(9, claims);
    insert.run();
    written += static_cast<std::size_t>(connection_.changes());
  }
  transaction.commit();
  return written;
}

std::vector<models::RelayStatusRecord> SqliteStore::relay_status_history(std::string_view relay_url,
                                                                         std::int64_t since, std::int64_t until,
                                                                         std::size_t limit) {
  std::lock_guard lock(mutex_);
  Statement select = connection_.prepare(sql::kRelayStatusHistory);
  select.bind(1, relay_url).bind(2, since).bind(3, until).bind(4, as_limit(limit));
  std::vector<models::RelayStatusRecord> rows;
  while (select.step()) {
    rows.push_back(models::RelayStatusRecord{
        stored_relay(select.column_text(0), select.column_int64(1)), select.column_int64(2),
        stored_verdict(select.column_text(3), select.column_text(4), select.column_text(5)),
        optional_int(select, 6), optional_int(select, 7), optional_int(select, 8),
        models::parse_claims(select.column_text(9))});
  }
  return rows;
}

std::size_t SqliteStore::delete_relay_statuses_before(std::int64_t cutoff, std::size_t batch_size) {
  const std::int64_t limit = as_limit(std::max<std::size_t>(batch_size, 1));
  std::size_t total = 0;
  while (true) {
    // The lock per round, not for the whole run: the monitor's inserts go on in between.
    std::lock_guard lock(mutex_);
    connection_.prepare(sql::kRelayStatusDeleteBefore).bind(1, cutoff).bind(2, limit).run();
    const std::int64_t deleted = connection_.changes();
    total += static_cast<std::size_t>(deleted);
    if (deleted < limit) return total;
  }
}

}  // namespace bigbrotr::core::store::sqlite
