#pragma once

#include <mutex>
#include <optional>
#include <string>

#include "core/store/sqlite/sqlite_connection.hpp"
#include "core/store/sqlite/wal_checkpointer.hpp"
#include "core/store/store.hpp"

namespace bigbrotr::core::store::sqlite {

// The Brotr store on SQLite, the embedded default: one database file, no server. Schema:
// sql/sqlite/*.sql (embedded), junctions keyed on the compact relay id, the analytics
// views as tables rebuilt by refresh_view, candidates as validator/checkpoint rows.
//
// Threading: one connection, every call serialised by a mutex, so a store may be shared by
// threads (calls simply queue). Other processes may use the same file: WAL mode lets them
// read while this one writes, and a busy database is waited for up to
// Connection::kBusyTimeoutMs before StoreError(transient) is thrown.
//
// Writes: one transaction per call (BEGIN IMMEDIATE), prepared statements cached for the
// life of the store; WAL checkpoints on a thread of their own (wal_checkpointer.hpp).
// SQLite has no parameter-count limit per call, so batch_max_size does not split the rows
// of a call.
class SqliteStore final : public Store {
 public:
  // Opens or creates the database at `path` (":memory:" for a private in-memory one);
  // the parent folder must exist. Throws StoreError when it cannot be opened. The schema
  // is created by init().
  explicit SqliteStore(const std::string& path);

  std::string_view backend() const noexcept override { return "sqlite"; }

  SchemaStatus init(DatabaseFlavour flavour) override;
  int schema_version() override;
  DatabaseFlavour flavour() override;
  bool healthy() noexcept override;
  // Fails when `path` no longer names the file this store has open (see Store).
  void check_storage() override;

  std::size_t insert_relays(std::span<const models::Relay> relays) override;
  std::vector<models::Relay> relays(std::span<const models::NetworkType> networks = {}) override;
  std::size_t delete_relays(std::span<const std::string> urls) override;

  std::size_t add_candidates(std::span<const models::Relay> relays, std::int64_t now) override;
  std::size_t count_candidates(const CandidateFilter& filter) override;
  std::vector<Candidate> candidates(const CandidateFilter& filter, std::size_t limit) override;
  std::vector<Candidate> all_candidates() override;
  std::size_t record_candidate_failures(std::span<const Candidate> failed, std::int64_t now) override;
  std::size_t promote_candidates(std::span<const models::Relay> valid) override;
  std::size_t delete_promoted_candidates() override;
  std::size_t delete_exhausted_candidates(std::int64_t max_failures) override;

  std::size_t insert_events(std::span<const models::EventRelay> observations) override;
  std::size_t insert_events_with_state(std::span<const models::EventRelay> observations,
                                       std::span<const models::ServiceState> states) override;
  std::vector<std::string> event_ids_of_relay(std::string_view relay_url) override;

  std::size_t insert_relay_metadata(std::span<const models::RelayMetadata> records) override;
  std::size_t insert_relay_statuses(std::span<const models::RelayStatusRecord> records) override;
  std::vector<models::RelayStatusRecord> relay_status_history(std::string_view relay_url, std::int64_t since,
                                                              std::int64_t until, std::size_t limit) override;
  std::size_t delete_relay_statuses_before(std::int64_t cutoff, std::size_t batch_size) override;

  std::size_t upsert_state(std::span<const models::ServiceState> states) override;
  std::vector<models::ServiceState> get_state(models::ServiceName service, models::ServiceStateType type,
                                              std::optional<std::string_view> key = std::nullopt) override;
  std::size_t delete_state(models::ServiceName service, models::ServiceStateType type,
                           std::span<const std::string> keys) override;

  std::vector<DueRelay> due_relays(std::span<const models::NetworkType> networks, std::int64_t checked_before,
                                   std::size_t limit) override;
  std::vector<RelayCursor> relay_cursors(models::ServiceName service,
                                         std::span<const models::NetworkType> networks = {}) override;
  std::vector<TagScanRow> scan_tag_values(std::string_view relay_url, std::int64_t after_seen_at,
                                          std::string_view after_event_id, std::size_t limit) override;
  std::size_t delete_stale_state(models::ServiceName service, models::ServiceStateType type,
                                 std::span<const std::string> keep_keys) override;

  std::size_t delete_orphan_events(std::size_t batch_size) override;
  std::size_t delete_orphan_metadata(std::size_t batch_size) override;

  std::vector<std::string> view_names() override;
  void refresh_view(std::string_view name) override;
  boost::json::array read_rows(std::string_view name, std::size_t limit) override;

  TableCounts counts() override;

 private:
  // Callers hold mutex_.
  int schema_version_locked();
  DatabaseFlavour flavour_locked();

  std::string path_;  // as opened; ":memory:" and "" have no file to check
  std::mutex mutex_;
  Connection connection_;
  std::optional<WalCheckpointer> checkpointer_;  // file databases only; destroyed first
  std::optional<DatabaseFlavour> flavour_;       // cached once read or set by init
};

}  // namespace bigbrotr::core::store::sqlite
