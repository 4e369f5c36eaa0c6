// SqliteStore: events with their relay junctions, and metadata with theirs. Each call is
// one transaction: relays first (so a junction never lacks its parent), then the rows.
#include <algorithm>
#include <unordered_map>

#include "core/store/sqlite/sqlite_rows.hpp"
#include "core/store/sqlite/sqlite_statements.hpp"
#include "core/store/sqlite/sqlite_store.hpp"
#include "models/event_json.hpp"
#include "models/event_relay.hpp"

namespace bigbrotr::core::store::sqlite {
namespace {

std::string tags_json(const models::EventTags& tags) {
  std::string json;
  models::append_json_tags(json, tags);
  return json;
}

// Inserts the event unless it exists; its tag index rows go with it. The lilbrotr flavour
// keeps no tags, content or signature (database.md §12).
void insert_event(Connection& connection, const models::Event& event, DatabaseFlavour flavour) {
  const std::vector<std::string> tag_values = models::tag_values_index(event);
  Statement insert = connection.prepare(sql::kEventInsert);
  insert.bind_blob(1, event.id())
      .bind_blob(2, event.pubkey())
      .bind(3, event.created_at())
      .bind(4, event.kind());
  insert.bind(6, string_list(tag_values));
  if (flavour == DatabaseFlavour::bigbrotr) {
    insert.bind(5, tags_json(event.tags())).bind(7, event.content()).bind_blob(8, event.sig());
  }
  insert.run();
  if (connection.changes() == 0) return;
  Statement index = connection.prepare(sql::kTagValueInsert);
  for (const std::string& value : tag_values) {
    index.bind(1, value).bind_blob(2, event.id()).run();
    index.reset();
  }
}

std::size_t insert_observations(Connection& connection, std::span<const models::EventRelay> observations,
                                DatabaseFlavour flavour) {
  RelayIds relay_ids(connection);
  // In id order, consecutive rows land on neighbouring pages of the id-keyed B-trees
  // (event, event_relay), so each page is fetched once per batch.
  std::vector<const models::EventRelay*> by_id;
  by_id.reserve(observations.size());
  for (const models::EventRelay& observation : observations) by_id.push_back(&observation);
  std::sort(by_id.begin(), by_id.end(), [](const models::EventRelay* a, const models::EventRelay* b) {
    return a->event().id() < b->event().id();
  });
  std::size_t inserted = 0;
  for (const models::EventRelay* entry : by_id) {
    const models::EventRelay& observation = *entry;
    const std::int64_t relay_id = relay_ids.of(observation.relay());
    insert_event(connection, observation.event(), flavour);
    connection.prepare(sql::kEventRelayInsert)
        .bind_blob(1, observation.event().id())
        .bind(2, relay_id)
        .bind(3, observation.seen_at())
        .run();
    inserted += static_cast<std::size_t>(connection.changes());
  }
  return inserted;
}

}  // namespace

std::size_t SqliteStore::insert_events(std::span<const models::EventRelay> observations) {
  return insert_events_with_state(observations, {});
}

std::size_t SqliteStore::insert_events_with_state(std::span<const models::EventRelay> observations,
                                                  std::span<const models::ServiceState> states) {
  std::lock_guard lock(mutex_);
  const DatabaseFlavour flavour = flavour_locked();
  Transaction transaction(connection_);
  const std::size_t inserted = insert_observations(connection_, observations, flavour);
  upsert_states(connection_, states);
  transaction.commit();
  return inserted;
}

std::vector<std::string> SqliteStore::event_ids_of_relay(std::string_view relay_url) {
  std::lock_guard lock(mutex_);
  Statement select = connection_.prepare(sql::kEventIdsOfRelay);
  select.bind(1, relay_url);
  std::vector<std::string> ids;
  while (select.step()) ids.push_back(select.column_text(0));
  return ids;
}

std::size_t SqliteStore::insert_relay_metadata(std::span<const models::RelayMetadata> records) {
  std::lock_guard lock(mutex_);
  Transaction transaction(connection_);
  RelayIds relay_ids(connection_);
  std::size_t inserted = 0;
  for (const models::RelayMetadata& record : records) {
    const std::int64_t relay_id = relay_ids.of(record.relay());
    const models::Metadata& metadata = record.metadata();
    const std::string_view type = models::to_string(metadata.type());
    connection_.prepare(sql::kMetadataInsert)
        .bind_blob(1, metadata.id())
        .bind(2, type)
        .bind(3, metadata.canonical_json())
        .run();
    connection_.prepare(sql::kRelayMetadataInsert)
        .bind(1, relay_id)
        .bind_blob(2, metadata.id())
        .bind(3, type)
        .bind(4, record.generated_at())
        .run();
    inserted += static_cast<std::size_t>(connection_.changes());
  }
  transaction.commit();
  return inserted;
}

}  // namespace bigbrotr::core::store::sqlite
