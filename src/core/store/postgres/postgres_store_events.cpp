// PostgresStore: events (COPY into a staging table), metadata and service state.
#include <boost/json/parse.hpp>

#include "core/store/postgres/postgres_statements.hpp"
#include "core/store/postgres/postgres_store.hpp"
#include "core/store/postgres/postgres_store_support.hpp"
#include "models/event_json.hpp"

namespace bigbrotr::core::store::postgres {
namespace {

// One row of event_relay_stage in COPY text format (see kEventStageCopy for the columns).
void append_stage_row(std::string& out, const models::EventRelay& observation) {
  const models::Event& event = observation.event();
  const models::Relay& relay = observation.relay();
  append_copy_bytes(out, event.id());
  out += '\t';
  append_copy_bytes(out, event.pubkey());
  out += '\t' + std::to_string(event.created_at()) + '\t' + std::to_string(event.kind()) + '\t';
  std::string tags;
  models::append_json_tags(tags, event.tags());
  append_copy_text(out, tags);
  out += '\t';
  ArrayLiteral tag_values;
  for (const std::string& value : models::tag_values_index(event)) tag_values.add(value);
  append_copy_text(out, tag_values.take());
  out += '\t';
  append_copy_text(out, event.content());
  out += '\t';
  append_copy_bytes(out, event.sig());
  out += '\t';
  append_copy_text(out, relay.url());
  out += '\t';
  out += models::to_string(relay.network());
  out += '\t' + std::to_string(relay.discovered_at()) + '\t' + std::to_string(observation.seen_at()) + '\n';
}

std::string stage_rows(std::span<const models::EventRelay> batch) {
  std::string rows;
  rows.reserve(batch.size() * 512);
  for (const auto& observation : batch) append_stage_row(rows, observation);
  return rows;
}

}  // namespace

std::size_t PostgresStore::insert_event_batch(PgConnection& connection,
                                              std::span<const models::EventRelay> batch) {
  if (batch.empty()) return 0;
  connection.exec(sql::kEventStageCreate);
  connection.copy_in(sql::kEventStageCopy, stage_rows(batch));
  return as_size(connection.exec(sql::kEventStageFlush).int64(0, 0));
}

std::size_t PostgresStore::upsert_state_batch(PgConnection& connection,
                                              std::span<const models::ServiceState> batch) {
  if (batch.empty()) return 0;
  ArrayLiteral services;
  ArrayLiteral types;
  ArrayLiteral keys;
  ArrayLiteral values;
  for (const auto& state : batch) {
    services.add(models::to_string(state.service()));
    types.add(models::to_string(state.type()));
    keys.add(state.key());
    values.add(state.value_json());
  }
  const PgParams params{services.take(), types.take(), keys.take(), values.take()};
  return as_size(connection.exec_params(sql::kStateUpsert, params).int64(0, 0));
}

std::size_t PostgresStore::insert_events(std::span<const models::EventRelay> observations) {
  return insert_events_with_state(observations, {});
}

// One transaction per batch; the states ride in the last one, so a cursor is committed
// together with (never before) the events it points past.
std::size_t PostgresStore::insert_events_with_state(std::span<const models::EventRelay> observations,
                                                    std::span<const models::ServiceState> states) {
  const std::size_t size = batch_size();
  std::size_t inserted = 0;
  std::size_t offset = 0;
  do {
    const auto batch = observations.subspan(offset, std::min(size, observations.size() - offset));
    offset += batch.size();
    const bool last = offset >= observations.size();
    if (batch.empty() && states.empty()) break;
    inserted += transact(Work::batch, [&](PgConnection& connection) {
      const std::size_t rows = insert_event_batch(connection, batch);
      if (last)
        for_each_batch(states, size, [&](auto slice) { return upsert_state_batch(connection, slice); });
      return rows;
    });
  } while (offset < observations.size());
  return inserted;
}

std::vector<std::string> PostgresStore::event_ids_of_relay(std::string_view relay_url) {
  return transact(Work::query, [&](PgConnection& connection) {
    const PgResult result = connection.exec_params(sql::kEventIdsOfRelay, {std::string(relay_url)});
    std::vector<std::string> ids;
    ids.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row) ids.push_back(result.string(row, 0));
    return ids;
  });
}

std::size_t PostgresStore::insert_relay_metadata(std::span<const models::RelayMetadata> records) {
  return for_each_batch(records, batch_size(), [&](std::span<const models::RelayMetadata> batch) {
    std::array<ArrayLiteral, 7> arrays;
    for (const auto& record : batch) {
      arrays[0].add(record.relay().url());
      arrays[1].add(models::to_string(record.relay().network()));
      arrays[2].add(record.relay().discovered_at());
      arrays[3].add_bytes(record.metadata().id());
      arrays[4].add(models::to_string(record.metadata().type()));
      arrays[5].add(record.metadata().canonical_json());
      arrays[6].add(record.generated_at());
    }
    PgParams params;
    for (auto& array : arrays) params.emplace_back(array.take());
    return transact(Work::batch, [&](PgConnection& connection) {
      return as_size(connection.exec_params(sql::kRelayMetadataInsert, params).int64(0, 0));
    });
  });
}

std::size_t PostgresStore::upsert_state(std::span<const models::ServiceState> states) {
  return for_each_batch(states, batch_size(), [&](std::span<const models::ServiceState> batch) {
    return transact(Work::batch,
                    [&](PgConnection& connection) { return upsert_state_batch(connection, batch); });
  });
}

std::vector<models::ServiceState> PostgresStore::get_state(models::ServiceName service,
                                                           models::ServiceStateType type,
                                                           std::optional<std::string_view> key) {
  return transact(Work::query, [&](PgConnection& connection) {
    PgParams params{std::string(models::to_string(service)), std::string(models::to_string(type)),
                    std::nullopt};
    if (key) params[2] = std::string(*key);
    const PgResult result = connection.exec_params(sql::kStateGet, params);
    std::vector<models::ServiceState> states;
    for (int row = 0; row < result.rows(); ++row) {
      auto state = models::ServiceState::create(service, type, result.string(row, 0),
                                                boost::json::parse(result.text(row, 1)));
      if (state) {
        states.push_back(std::move(state).value());
      } else {
        logger_.warning("stored service state skipped",
                        {{"key", result.text(row, 0)}, {"reason", state.reason()}});
      }
    }
    return states;
  });
}

std::size_t PostgresStore::delete_state(models::ServiceName service, models::ServiceStateType type,
                                        std::span<const std::string> keys) {
  return for_each_batch(keys, batch_size(), [&](std::span<const std::string> batch) {
    ArrayLiteral services;
    ArrayLiteral types;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      services.add(models::to_string(service));
      types.add(models::to_string(type));
    }
    const PgParams params{services.take(), types.take(), text_array(batch)};
    return transact(Work::batch, [&](PgConnection& connection) {
      return as_size(connection.exec_params(sql::kStateDelete, params).int64(0, 0));
    });
  });
}

}  // namespace bigbrotr::core::store::postgres
