#pragma once

#include <boost/json/array.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/storage_config.hpp"
#include "models/enums.hpp"
#include "models/event_relay.hpp"
#include "models/relay.hpp"
#include "models/relay_metadata.hpp"
#include "models/relay_status.hpp"
#include "models/service_state.hpp"
#include "models/sha256.hpp"

// The Brotr store: the only way services read and write the database. Two backends
// implement it with one behaviour (SQLite, the embedded default, and PostgreSQL, the
// production backend); one conformance suite runs against both.
//
// Threading: a Store may be shared by threads; calls block, so services run them off the
// I/O threads. Failures of the database itself (unreachable after retries, SQL errors) are
// thrown as StoreError and fail the calling service's cycle; rows the caller passes are
// already-validated model values, so no per-row failure exists here.
namespace bigbrotr::core::store {

// A database failure. `transient()` is true for failures a retry may cure (lost
// connection, too many connections, serialization failure, deadlock, busy database).
class StoreError : public std::runtime_error {
 public:
  StoreError(const std::string& message, bool transient)
      : std::runtime_error(message), transient_(transient) {}
  bool transient() const noexcept { return transient_; }

 private:
  bool transient_;
};

// A URL the validator has yet to prove is a Nostr relay (`validator/checkpoint/<url>`).
struct Candidate {
  models::Relay relay;
  std::int64_t failures = 0;
  std::int64_t last_attempt = 0;  // Unix seconds of the last probe (or of registration)
};

// Which candidates a validator cycle may probe: stored network among `networks`, and never
// failed or last tried before `retry_before`.
struct CandidateFilter {
  std::vector<models::NetworkType> networks;
  std::int64_t retry_before = 0;
};

// A relay with the position a service reached in it (synchronizer: created_at of the last
// archived event; finder: seen_at of the last scanned row). A relay with no cursor yet has
// timestamp 0 and an id of 64 zeros.
struct RelayCursor {
  models::Relay relay;
  std::int64_t timestamp = 0;
  std::string event_id = std::string(64, '0');
};

// A relay the monitor should check, with when it was last checked (0 = never).
struct DueRelay {
  models::Relay relay;
  std::int64_t last_checked = 0;
};

// One row of a finder scan: an event a relay served, in (seen_at, event_id) order, with its
// tag index ("<letter>:<value>").
struct TagScanRow {
  std::int64_t seen_at = 0;
  std::string event_id;
  std::vector<std::string> tag_values;
};

// The outcome of `init`: the schema version now in place and what changed.
struct SchemaStatus {
  int version = 0;
  bool created = false;   // the schema did not exist before
  bool upgraded = false;  // an older version was migrated
};

// Row counts of the base tables, for tests, metrics and logs.
struct TableCounts {
  std::int64_t relays = 0;
  std::int64_t events = 0;
  std::int64_t event_relays = 0;
  std::int64_t metadata = 0;
  std::int64_t relay_metadata = 0;
  std::int64_t relay_statuses = 0;
  std::int64_t service_states = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // "sqlite" or "postgresql".
  virtual std::string_view backend() const noexcept = 0;

  // Schema. `init` creates or upgrades the schema idempotently and records its version;
  // running it twice changes nothing. The flavour of an existing schema cannot change.
  virtual SchemaStatus init(DatabaseFlavour flavour) = 0;
  virtual int schema_version() = 0;  // 0 when no schema exists
  virtual DatabaseFlavour flavour() = 0;
  // A cheap round trip to the database; false instead of throwing.
  virtual bool healthy() noexcept = 0;
  // Throws StoreError (not transient) when writes can no longer reach the database the
  // store opened, so a cycle never reports success for data that went nowhere. SQLite:
  // the database file was deleted or replaced since it was opened (writes would go to
  // the unlinked file); the message names the path. PostgreSQL: nothing to check (a lost
  // server fails the next statement). Cheap (one stat); the service runner calls it
  // before and after every cycle.
  virtual void check_storage() = 0;

  // Relays. Inserting an existing URL changes nothing; returns rows inserted.
  virtual std::size_t insert_relays(std::span<const models::Relay> relays) = 0;
  // Relays on the given networks (all when empty), ordered by URL.
  virtual std::vector<models::Relay> relays(std::span<const models::NetworkType> networks = {}) = 0;
  // Deletes relays with their event_relay and relay_metadata rows; events and metadata stay.
  virtual std::size_t delete_relays(std::span<const std::string> urls) = 0;

  // Candidates. add_candidates registers URLs that are neither relays nor candidates yet
  // (an existing candidate's failure count is never reset); returns rows written.
  virtual std::size_t add_candidates(std::span<const models::Relay> relays, std::int64_t now) = 0;
  virtual std::size_t count_candidates(const CandidateFilter& filter) = 0;
  // Eligible candidates, fewest failures first, then oldest attempt, then URL.
  virtual std::vector<Candidate> candidates(const CandidateFilter& filter, std::size_t limit) = 0;
  // Every candidate, ordered by URL (for tests and tools).
  virtual std::vector<Candidate> all_candidates() = 0;
  // Stores failures + 1 and last_attempt = now for each candidate.
  virtual std::size_t record_candidate_failures(std::span<const Candidate> failed, std::int64_t now) = 0;
  // Inserts the relays and deletes their candidate rows in one transaction.
  virtual std::size_t promote_candidates(std::span<const models::Relay> valid) = 0;
  // Deletes candidates whose URL is already a relay.
  virtual std::size_t delete_promoted_candidates() = 0;
  // Deletes candidates with failures >= max_failures.
  virtual std::size_t delete_exhausted_candidates(std::int64_t max_failures) = 0;

  // Events with their relay junctions (cascade: relay, event, event_relay), in one
  // transaction per call; duplicates are ignored. Returns event_relay rows inserted.
  virtual std::size_t insert_events(std::span<const models::EventRelay> observations) = 0;
  // The same, plus service-state rows (cursors) committed in the same transaction, so a
  // cursor never moves past uncommitted events.
  virtual std::size_t insert_events_with_state(std::span<const models::EventRelay> observations,
                                               std::span<const models::ServiceState> states) = 0;
  // Ids (hex) of the events a relay served, ascending; for tests and tools.
  virtual std::vector<std::string> event_ids_of_relay(std::string_view relay_url) = 0;

  // Metadata with relay junctions (cascade: relay, metadata de-duplicated by (id, type),
  // relay_metadata), in one transaction. Returns relay_metadata rows inserted.
  virtual std::size_t insert_relay_metadata(std::span<const models::RelayMetadata> records) = 0;

  // Relay status (docs/status.md): one row per relay and check time, a later verdict of
  // the same second replacing the earlier one (cascade: relay). Returns rows written.
  virtual std::size_t insert_relay_statuses(std::span<const models::RelayStatusRecord> records) = 0;
  // A relay's status rows with since <= checked_at <= until, oldest first, at most `limit`.
  virtual std::vector<models::RelayStatusRecord> relay_status_history(std::string_view relay_url,
                                                                      std::int64_t since, std::int64_t until,
                                                                      std::size_t limit) = 0;
  // Retention: deletes status rows with checked_at < cutoff, in rounds of batch_size (each
  // its own transaction, so writers are never held up for long); returns rows deleted.
  virtual std::size_t delete_relay_statuses_before(std::int64_t cutoff, std::size_t batch_size) = 0;

  // Service state: upsert replaces whole values; get returns one key or, without a key,
  // every row of the service and type ordered by key.
  virtual std::size_t upsert_state(std::span<const models::ServiceState> states) = 0;
  virtual std::vector<models::ServiceState> get_state(models::ServiceName service, models::ServiceStateType type,
                                                      std::optional<std::string_view> key = std::nullopt) = 0;
  virtual std::size_t delete_state(models::ServiceName service, models::ServiceStateType type,
                                   std::span<const std::string> keys) = 0;

  // Relays on `networks` never checked by the monitor or last checked before
  // `checked_before`, least recently checked first, then by discovery time.
  virtual std::vector<DueRelay> due_relays(std::span<const models::NetworkType> networks,
                                           std::int64_t checked_before, std::size_t limit) = 0;
  // Every relay on `networks` (all when empty) with the service's cursor, most behind first.
  virtual std::vector<RelayCursor> relay_cursors(models::ServiceName service,
                                                 std::span<const models::NetworkType> networks = {}) = 0;
  // The next rows a relay served after the cursor (seen_at, event_id), in that order.
  virtual std::vector<TagScanRow> scan_tag_values(std::string_view relay_url, std::int64_t after_seen_at,
                                                  std::string_view after_event_id, std::size_t limit) = 0;
  // Deletes the service's cursors and checkpoints whose key is not a relay URL and not
  // one of `keep_keys` (e.g. configured API sources, publish checkpoints).
  virtual std::size_t delete_stale_state(models::ServiceName service, models::ServiceStateType type,
                                         std::span<const std::string> keep_keys) = 0;

  // Orphan clean-up, in rounds of batch_size; returns rows deleted.
  virtual std::size_t delete_orphan_events(std::size_t batch_size) = 0;
  virtual std::size_t delete_orphan_metadata(std::size_t batch_size) = 0;

  // Analytics views, in the order a refresh must follow.
  virtual std::vector<std::string> view_names() = 0;
  // Rebuilds one view; throws StoreError for an unknown name or a failed refresh.
  virtual void refresh_view(std::string_view name) = 0;
  // Up to `limit` rows of a view or table as JSON objects (byte columns as hex), in the
  // view's key order; for tests, tools and the read API.
  virtual boost::json::array read_rows(std::string_view name, std::size_t limit) = 0;

  virtual TableCounts counts() = 0;
};

}  // namespace bigbrotr::core::store
