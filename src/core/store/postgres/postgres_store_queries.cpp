// PostgresStore: the service queries of database.md §13, clean-up, views and row reads.
#include <algorithm>
#include <boost/json/parse.hpp>
#include <climits>

#include "core/store/postgres/postgres_statements.hpp"
#include "core/store/postgres/postgres_store.hpp"
#include "core/store/postgres/postgres_store_support.hpp"

namespace bigbrotr::core::store::postgres {
namespace {

std::string quoted(std::string_view identifier) {
  std::string out = "\"";
  for (const char c : identifier) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + '"';
}

// SELECT list and ORDER BY of read_rows: byte columns as hex, the key columns in order.
std::string read_rows_statement(const PgResult& columns, const PgResult& keys, std::string_view name) {
  std::string select;
  for (int row = 0; row < columns.rows(); ++row) {
    const std::string column = quoted(columns.text(row, 0));
    if (!select.empty()) select += ", ";
    if (columns.text(row, 1) == "t") select += "encode(" + column + ", 'hex') AS ";
    select += column;
  }
  std::string order;
  for (int row = 0; row < keys.rows(); ++row)
    order += (order.empty() ? " ORDER BY " : ", ") + quoted(keys.text(row, 0));
  return "SELECT row_to_json(t)::text FROM (SELECT " + select + " FROM public." + quoted(name) + order +
         " LIMIT $1::bigint) t";
}

}  // namespace

std::vector<DueRelay> PostgresStore::due_relays(std::span<const models::NetworkType> networks,
                                                std::int64_t checked_before, std::size_t limit) {
  return transact(Work::query, [&](PgConnection& connection) {
    const PgParams params{network_array(networks), std::to_string(checked_before), size_param(limit)};
    const PgResult result = connection.exec_params(sql::kDueRelays, params);
    std::vector<DueRelay> due;
    for (int row = 0; row < result.rows(); ++row) {
      if (auto relay = relay_from_row(result.text(row, 0), result.int64(row, 1))) {
        due.push_back(DueRelay{std::move(*relay), result.int64(row, 2)});
      }
    }
    return due;
  });
}

std::vector<RelayCursor> PostgresStore::relay_cursors(models::ServiceName service,
                                                      std::span<const models::NetworkType> networks) {
  return transact(Work::query, [&](PgConnection& connection) {
    const PgParams params{std::string(models::to_string(service)), network_array(networks)};
    const PgResult result = connection.exec_params(sql::kRelayCursors, params);
    std::vector<RelayCursor> cursors;
    for (int row = 0; row < result.rows(); ++row) {
      if (auto relay = relay_from_row(result.text(row, 0), result.int64(row, 1))) {
        cursors.push_back(RelayCursor{std::move(*relay), result.int64(row, 2), result.string(row, 3)});
      }
    }
    return cursors;
  });
}

std::vector<TagScanRow> PostgresStore::scan_tag_values(std::string_view relay_url, std::int64_t after_seen_at,
                                                       std::string_view after_event_id, std::size_t limit) {
  // decode() rejects what is not hex; such a cursor sorts before every id anyway.
  const bool hex = after_event_id.size() % 2 == 0 &&
                   std::all_of(after_event_id.begin(), after_event_id.end(),
                               [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
  return transact(Work::query, [&](PgConnection& connection) {
    const PgParams params{std::string(relay_url), std::to_string(after_seen_at),
                          hex ? std::string(after_event_id) : std::string(), size_param(limit)};
    const PgResult result = connection.exec_params(sql::kScanTagValues, params);
    std::vector<TagScanRow> rows;
    rows.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row) {
      TagScanRow scan{result.int64(row, 0), result.string(row, 1), {}};
      const boost::json::value values = boost::json::parse(result.text(row, 2));
      if (values.is_array()) {
        for (const auto& value : values.get_array()) {
          if (value.is_string()) scan.tag_values.emplace_back(value.get_string());
        }
      }
      rows.push_back(std::move(scan));
    }
    return rows;
  });
}

std::size_t PostgresStore::delete_stale_state(models::ServiceName service, models::ServiceStateType type,
                                              std::span<const std::string> keep_keys) {
  return transact(Work::batch, [&](PgConnection& connection) {
    const PgParams params{std::string(models::to_string(service)), std::string(models::to_string(type)),
                          text_array(keep_keys)};
    return as_size(connection.exec_params(sql::kStateDeleteStale, params).affected_rows());
  });
}

std::size_t PostgresStore::delete_orphan_events(std::size_t batch_size) {
  return transact(Work::cleanup, [&](PgConnection& connection) {
    const PgParams params{size_param(std::max<std::size_t>(batch_size, 1), INT_MAX)};
    return as_size(connection.exec_params(sql::kOrphanEventsDelete, params).int64(0, 0));
  });
}

std::size_t PostgresStore::delete_orphan_metadata(std::size_t batch_size) {
  return transact(Work::cleanup, [&](PgConnection& connection) {
    const PgParams params{size_param(std::max<std::size_t>(batch_size, 1), INT_MAX)};
    return as_size(connection.exec_params(sql::kOrphanMetadataDelete, params).int64(0, 0));
  });
}

std::vector<std::string> PostgresStore::view_names() {
  return std::vector<std::string>(sql::kViewNames.begin(), sql::kViewNames.end());
}

void PostgresStore::refresh_view(std::string_view name) {
  if (std::find(sql::kViewNames.begin(), sql::kViewNames.end(), name) == sql::kViewNames.end()) {
    throw StoreError("postgresql: unknown view: " + std::string(name), false);
  }
  const std::string statement = "SELECT " + std::string(name) + std::string(sql::kViewRefreshSuffix);
  transact(Work::refresh, [&](PgConnection& connection) {
    connection.exec(statement);
    return true;
  });
}

boost::json::array PostgresStore::read_rows(std::string_view name, std::size_t limit) {
  return transact(Work::query, [&](PgConnection& connection) {
    const PgResult columns = connection.exec_params(sql::kRelationColumns, {std::string(name)});
    if (columns.rows() == 0) throw StoreError("postgresql: no table or view " + std::string(name), false);
    const PgResult keys = connection.exec_params(sql::kKeyColumns, {std::string(name)});
    const PgResult result =
        connection.exec_params(read_rows_statement(columns, keys, name), {size_param(limit)});
    boost::json::array rows;
    rows.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row) rows.push_back(boost::json::parse(result.text(row, 0)));
    return rows;
  });
}

}  // namespace bigbrotr::core::store::postgres
