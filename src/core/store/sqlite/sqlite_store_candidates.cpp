// SqliteStore: validation candidates, stored as validator/checkpoint rows of service_state
// with the value {"failures": int, "network": str, "timestamp": int} (database.md §3.6).
#include <boost/json/object.hpp>

#include "core/store/sqlite/sqlite_rows.hpp"
#include "core/store/sqlite/sqlite_statements.hpp"
#include "core/store/sqlite/sqlite_store.hpp"
#include "models/canonical_json.hpp"

namespace bigbrotr::core::store::sqlite {
namespace {

std::string candidate_value(models::NetworkType network, std::int64_t failures, std::int64_t timestamp) {
  boost::json::object value;
  value["failures"] = failures;
  value["network"] = models::to_string(network);
  value["timestamp"] = timestamp;
  return models::to_canonical_json(value);
}

std::int64_t int_field(const boost::json::object& value, std::string_view key) {
  const auto* field = value.if_contains(key);
  if (field == nullptr) return 0;
  if (field->is_int64()) return field->get_int64();
  if (field->is_uint64()) return static_cast<std::int64_t>(field->get_uint64());
  return 0;
}

// A candidate row, or nullopt for a key that is not a canonical relay URL (written by
// hand or by an older program): such rows are left alone rather than failing every cycle.
std::optional<Candidate> read_candidate(const Statement& row) {
  const boost::json::value value = stored_json(row.column_text(1));
  const boost::json::object empty;
  const boost::json::object& object = value.is_object() ? value.get_object() : empty;
  const std::int64_t timestamp = int_field(object, "timestamp");
  auto relay = models::Relay::from_canonical(row.column_text(0), {.allow_local = true}, timestamp);
  if (!relay) return std::nullopt;
  return Candidate{std::move(relay).value(), int_field(object, "failures"), timestamp};
}

std::vector<Candidate> read_candidates(Statement& select) {
  std::vector<Candidate> result;
  while (select.step()) {
    if (auto candidate = read_candidate(select)) result.push_back(std::move(*candidate));
  }
  return result;
}

}  // namespace

std::size_t SqliteStore::add_candidates(std::span<const models::Relay> relays, std::int64_t now) {
  std::lock_guard lock(mutex_);
  Transaction transaction(connection_);
  std::size_t added = 0;
  Statement insert = connection_.prepare(sql::kCandidateAdd);
  for (const models::Relay& relay : relays) {
    insert.bind(1, relay.url()).bind(2, candidate_value(relay.network(), 0, now)).run();
    added += static_cast<std::size_t>(connection_.changes());
    insert.reset();
  }
  transaction.commit();
  return added;
}

std::size_t SqliteStore::count_candidates(const CandidateFilter& filter) {
  std::lock_guard lock(mutex_);
  Statement select = connection_.prepare(sql::kCandidateCount);
  select.bind(1, network_list(filter.networks)).bind(2, filter.retry_before);
  select.step();
  return static_cast<std::size_t>(select.column_int64(0));
}

std::vector<Candidate> SqliteStore::candidates(const CandidateFilter& filter, std::size_t limit) {
  std::lock_guard lock(mutex_);
  Statement select = connection_.prepare(sql::kCandidatesEligible);
  select.bind(1, network_list(filter.networks)).bind(2, filter.retry_before).bind(3, as_limit(limit));
  return read_candidates(select);
}

std::vector<Candidate> SqliteStore::all_candidates() {
  std::lock_guard lock(mutex_);
  Statement select = connection_.prepare(sql::kCandidatesAll);
  return read_candidates(select);
}

std::size_t SqliteStore::record_candidate_failures(std::span<const Candidate> failed, std::int64_t now) {
  std::vector<models::ServiceState> states;
  states.reserve(failed.size());
  for (const Candidate& candidate : failed) {
    auto state = models::ServiceState::create(
        models::ServiceName::validator, models::ServiceStateType::checkpoint, candidate.relay.url(),
        stored_json(candidate_value(candidate.relay.network(), candidate.failures + 1, now)));
    if (!state) throw StoreError("sqlite: candidate state is invalid: " + state.reason(), false);
    states.push_back(std::move(state).value());
  }
  return upsert_state(states);
}

std::size_t SqliteStore::promote_candidates(std::span<const models::Relay> valid) {
  std::lock_guard lock(mutex_);
  Transaction transaction(connection_);
  std::size_t inserted = 0;
  Statement insert = connection_.prepare(sql::kRelayInsert);
  Statement remove = connection_.prepare(sql::kCandidateDelete);
  for (const models::Relay& relay : valid) {
    insert.bind(1, relay.url())
        .bind(2, models::to_string(relay.network()))
        .bind(3, relay.discovered_at())
        .run();
    inserted += static_cast<std::size_t>(connection_.changes());
    insert.reset();
    remove.bind(1, relay.url()).run();
    remove.reset();
  }
  transaction.commit();
  return inserted;
}

std::size_t SqliteStore::delete_promoted_candidates() {
  std::lock_guard lock(mutex_);
  connection_.prepare(sql::kCandidatesDeletePromoted).run();
  return static_cast<std::size_t>(connection_.changes());
}

std::size_t SqliteStore::delete_exhausted_candidates(std::int64_t max_failures) {
  std::lock_guard lock(mutex_);
  connection_.prepare(sql::kCandidatesDeleteExhausted).bind(1, max_failures).run();
  return static_cast<std::size_t>(connection_.changes());
}

}  // namespace bigbrotr::core::store::sqlite
