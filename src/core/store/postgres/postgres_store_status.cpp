// PostgresStore: the status rows of the status model (docs/status.md).
#include <algorithm>
#include <array>
#include <climits>

#include "core/store/postgres/postgres_statements.hpp"
#include "core/store/postgres/postgres_store.hpp"
#include "core/store/postgres/postgres_store_support.hpp"

namespace bigbrotr::core::store::postgres {
namespace {

void add_optional(ArrayLiteral& array, const std::optional<std::int64_t>& value) {
  if (value) {
    array.add(*value);
  } else {
    array.add_null();
  }
}

std::optional<std::int64_t> optional_int(const PgResult& result, int row, int column) {
  if (result.is_null(row, column)) return std::nullopt;
  return result.int64(row, column);
}

}  // namespace

std::size_t PostgresStore::insert_relay_statuses(std::span<const models::RelayStatusRecord> records) {
  return for_each_batch(records, batch_size(), [&](std::span<const models::RelayStatusRecord> batch) {
    std::array<ArrayLiteral, 11> arrays;
    for (const auto& record : batch) {
      arrays[0].add(record.relay.url());
      arrays[1].add(models::to_string(record.relay.network()));
      arrays[2].add(record.relay.discovered_at());
      arrays[3].add(record.checked_at);
      arrays[4].add(models::to_string(record.verdict.status));
      arrays[5].add(record.verdict.reason_code());
      arrays[6].add(record.verdict.message);
      add_optional(arrays[7], record.rtt_open);
      add_optional(arrays[8], record.rtt_read);
      add_optional(arrays[9], record.rtt_write);
      arrays[10].add(models::claims_text(record.claims));
    }
    PgParams params;
    for (auto& array : arrays) params.emplace_back(array.take());
    return transact(Work::batch, [&](PgConnection& connection) {
      return as_size(connection.exec_params(sql::kRelayStatusInsert, params).int64(0, 0));
    });
  });
}

std::vector<models::RelayStatusRecord> PostgresStore::relay_status_history(std::string_view relay_url,
                                                                           std::int64_t since, std::int64_t until,
                                                                           std::size_t limit) {
  return transact(Work::query, [&](PgConnection& connection) {
    const PgResult result = connection.exec_params(
        sql::kRelayStatusHistory,
        {std::string(relay_url), std::to_string(since), std::to_string(until), size_param(limit)});
    std::vector<models::RelayStatusRecord> rows;
    for (int row = 0; row < result.rows(); ++row) {
      auto relay = relay_from_row(result.text(row, 0), result.int64(row, 1));
      auto verdict = models::verdict_from_codes(result.text(row, 3), result.text(row, 4), result.string(row, 5));
      if (!relay || !verdict) {
        throw StoreError("postgresql: relay_status row of " + std::string(relay_url) + " cannot be read", false);
      }
      rows.push_back(models::RelayStatusRecord{std::move(*relay), result.int64(row, 2), std::move(*verdict),
                                               optional_int(result, row, 6), optional_int(result, row, 7),
                                               optional_int(result, row, 8),
                                               models::parse_claims(result.text(row, 9))});
    }
    return rows;
  });
}

std::size_t PostgresStore::delete_relay_statuses_before(std::int64_t cutoff, std::size_t batch_size) {
  const std::size_t limit = std::max<std::size_t>(batch_size, 1);
  const PgParams params{std::to_string(cutoff), size_param(limit, INT_MAX)};
  std::size_t total = 0;
  while (true) {
    const std::size_t deleted = transact(Work::cleanup, [&](PgConnection& connection) {
      return as_size(connection.exec_params(sql::kRelayStatusDeleteBefore, params).int64(0, 0));
    });
    total += deleted;
    if (deleted < limit) return total;
  }
}

}  // namespace bigbrotr::core::store::postgres
