#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/storage_config.hpp"
#include "core/logging/logger.hpp"
#include "core/store/postgres/connection_pool.hpp"
#include "core/store/store.hpp"
#include "models/enums.hpp"

namespace bigbrotr::core::store::postgres {

// The PostgreSQL backend of the Brotr store (the production backend): schema, stored
// functions, views and grants from sql/postgres/, a pool of libpq connections with retry
// on transient errors, and every call in transactions that hold no session state, so it
// works directly or through PgBouncer in transaction mode. Writes go in transactions of at
// most batch_max_size rows; events travel by COPY into a staging table. Thread-safe: each
// call borrows its own connection from the pool.
class PostgresStore final : public Store {
 public:
  // Opens pool.min_size connections as `service` (application_name); throws StoreError
  // when the server stays unreachable after pool.retry.
  PostgresStore(const StorageConfig& config, const Logger& logger, models::ServiceName service);

  std::string_view backend() const noexcept override { return "postgresql"; }
  SchemaStatus init(DatabaseFlavour flavour) override;
  int schema_version() override;
  DatabaseFlavour flavour() override;
  bool healthy() noexcept override;
  // Nothing to check: a lost server fails the next statement with a StoreError.
  void check_storage() override {}

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

  // Runs every schema script of `flavour` in one transaction, even when schema_info says
  // the schema is current (init skips them then). For tests of the scripts' idempotence.
  void apply_schema_scripts(DatabaseFlavour flavour);
  // The pool, for tests and metrics.
  ConnectionPool& pool() noexcept { return pool_; }

 private:
  // What a transaction does decides its statement timeout (StorageConfig::timeouts).
  enum class Work : std::uint8_t { query, batch, cleanup, refresh, schema };

  template <class Fn>
  auto transact(Work work, Fn&& fn) {
    return pool_.transact(begin_[static_cast<std::size_t>(work)], std::forward<Fn>(fn));
  }
  std::string begin_statement(std::optional<double> timeout_seconds) const;
  std::size_t batch_size() const noexcept;
  std::size_t insert_event_batch(PgConnection& connection, std::span<const models::EventRelay> batch);
  std::size_t upsert_state_batch(PgConnection& connection, std::span<const models::ServiceState> batch);
  std::optional<models::Relay> relay_from_row(std::string_view url, std::int64_t discovered_at) const;

  StorageConfig config_;
  Logger logger_;
  ConnectionPool pool_;
  std::array<std::string, 5> begin_;
};

}  // namespace bigbrotr::core::store::postgres
