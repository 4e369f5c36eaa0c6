#pragma once

#include <array>
#include <string_view>

#include "core/store/analytics_views.hpp"

// Every SQL statement the SQLite store runs, in one place; the schema itself lives in
// sql/sqlite/*.sql. Parameters are numbered (?1 …). A list parameter is a JSON array bound
// as text and read with json_each; NULL in its place means "no filter" where stated.
// Candidates are the validator/checkpoint rows of service_state (database.md §3.6).
namespace bigbrotr::core::store::sqlite::sql {

// 2: event_tagvalue keyed (value, event_id), kept in step with event by a trigger.
inline constexpr int kSchemaVersion = 2;

// From version 1, before the scripts run: its event_tagvalue (keyed by event_id, with an
// index on value) goes, and the scripts create the new one; then it is refilled from
// event.tagvalues, of which it is a copy.
inline constexpr const char* kUpgradeFromVersion1 =
    "DROP INDEX IF EXISTS idx_event_tagvalue_value; DROP TABLE IF EXISTS event_tagvalue;";
inline constexpr const char* kTagValuesRefill =
    "INSERT OR IGNORE INTO event_tagvalue (value, event_id) "
    "SELECT j.value, e.id FROM event AS e, json_each(e.tagvalues) AS j";

inline constexpr const char* kSchemaInfoExists =
    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_info'";
inline constexpr const char* kSchemaInfoGet = "SELECT value FROM schema_info WHERE key = ?1";
inline constexpr const char* kSchemaInfoPut =
    "INSERT INTO schema_info (key, value) VALUES (?1, ?2) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value";
inline constexpr const char* kHealth = "SELECT 1";

// Relays. ?1 of kRelays: JSON array of networks, NULL = all.
inline constexpr const char* kRelayInsert =
    "INSERT INTO relay (url, network, discovered_at) VALUES (?1, ?2, ?3) ON CONFLICT (url) DO NOTHING";
inline constexpr const char* kRelayId = "SELECT id FROM relay WHERE url = ?1";
inline constexpr const char* kRelays =
    "SELECT url, discovered_at FROM relay "
    "WHERE ?1 IS NULL OR network IN (SELECT value FROM json_each(?1)) ORDER BY url";
inline constexpr const char* kRelayDelete = "DELETE FROM relay WHERE url = ?1";

// Candidates. ?1: JSON array of networks; ?2: retry_before; ?3: limit.
inline constexpr const char* kCandidateAdd =
    "INSERT INTO service_state (service_name, state_type, state_key, state_value) "
    "SELECT 'validator', 'checkpoint', ?1, ?2 WHERE NOT EXISTS (SELECT 1 FROM relay WHERE url = ?1) "
    "ON CONFLICT (service_name, state_type, state_key) DO NOTHING";
inline constexpr const char* kCandidateCount =
    "SELECT count(*) FROM service_state "
    "WHERE service_name = 'validator' AND state_type = 'checkpoint' "
    "AND json_extract(state_value, '$.network') IN (SELECT value FROM json_each(?1)) "
    "AND (coalesce(json_extract(state_value, '$.failures'), 0) = 0 "
    "OR coalesce(json_extract(state_value, '$.timestamp'), 0) < ?2)";
inline constexpr const char* kCandidatesEligible =
    "SELECT state_key, state_value FROM service_state "
    "WHERE service_name = 'validator' AND state_type = 'checkpoint' "
    "AND json_extract(state_value, '$.network') IN (SELECT value FROM json_each(?1)) "
    "AND (coalesce(json_extract(state_value, '$.failures'), 0) = 0 "
    "OR coalesce(json_extract(state_value, '$.timestamp'), 0) < ?2) "
    "ORDER BY coalesce(json_extract(state_value, '$.failures'), 0), "
    "coalesce(json_extract(state_value, '$.timestamp'), 0), state_key LIMIT ?3";
inline constexpr const char* kCandidatesAll =
    "SELECT state_key, state_value FROM service_state "
    "WHERE service_name = 'validator' AND state_type = 'checkpoint' ORDER BY state_key";
inline constexpr const char* kCandidateDelete =
    "DELETE FROM service_state WHERE service_name = 'validator' AND state_type = 'checkpoint' "
    "AND state_key = ?1";
inline constexpr const char* kCandidatesDeletePromoted =
    "DELETE FROM service_state WHERE service_name = 'validator' AND state_type = 'checkpoint' "
    "AND state_key IN (SELECT url FROM relay)";
inline constexpr const char* kCandidatesDeleteExhausted =
    "DELETE FROM service_state WHERE service_name = 'validator' AND state_type = 'checkpoint' "
    "AND coalesce(json_extract(state_value, '$.failures'), 0) >= ?1";

// Events and metadata.
inline constexpr const char* kEventInsert =
    "INSERT INTO event (id, pubkey, created_at, kind, tags, tagvalues, content, sig) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO NOTHING";
inline constexpr const char* kTagValueInsert =
    "INSERT INTO event_tagvalue (value, event_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING";
inline constexpr const char* kEventRelayInsert =
    "INSERT INTO event_relay (event_id, relay_id, seen_at) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (event_id, relay_id) DO NOTHING";
inline constexpr const char* kEventIdsOfRelay =
    "SELECT lower(hex(er.event_id)) FROM event_relay AS er JOIN relay AS r ON r.id = er.relay_id "
    "WHERE r.url = ?1 ORDER BY er.event_id";
inline constexpr const char* kMetadataInsert =
    "INSERT INTO metadata (id, type, data) VALUES (?1, ?2, ?3) ON CONFLICT (id, type) DO NOTHING";
inline constexpr const char* kRelayMetadataInsert =
    "INSERT INTO relay_metadata (relay_id, metadata_id, metadata_type, generated_at) "
    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (relay_id, generated_at, metadata_type) DO NOTHING";

// Relay status (docs/status.md). Insert: ?1 relay id, ?2 checked_at, ?3 status, ?4 reason,
// ?5 message, ?6..?8 rtt open/read/write, ?9 claims. History: ?1 url, ?2 since, ?3 until, ?4 limit.
inline constexpr const char* kRelayStatusInsert =
    "INSERT INTO relay_status (relay_id, checked_at, status, reason, message, rtt_open, rtt_read, rtt_write, "
    "claims) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (relay_id, checked_at) DO UPDATE SET "
    "status = excluded.status, reason = excluded.reason, message = excluded.message, "
    "rtt_open = excluded.rtt_open, rtt_read = excluded.rtt_read, rtt_write = excluded.rtt_write, "
    "claims = excluded.claims";
// ?1 cutoff, ?2 rows per round; relay_status has no rowid, so its key names the rows.
inline constexpr const char* kRelayStatusDeleteBefore =
    "DELETE FROM relay_status WHERE (relay_id, checked_at) IN (SELECT relay_id, checked_at FROM relay_status "
    "WHERE checked_at < ?1 LIMIT ?2)";
inline constexpr const char* kRelayStatusHistory =
    "SELECT r.url, r.discovered_at, s.checked_at, s.status, s.reason, s.message, s.rtt_open, s.rtt_read, "
    "s.rtt_write, s.claims FROM relay_status AS s JOIN relay AS r ON r.id = s.relay_id "
    "WHERE r.url = ?1 AND s.checked_at BETWEEN ?2 AND ?3 ORDER BY s.checked_at LIMIT ?4";

// Service state. ?1 service, ?2 type, ?3 key (or, for kStateDeleteStale, a JSON array of
// keys to keep).
inline constexpr const char* kStateUpsert =
    "INSERT INTO service_state (service_name, state_type, state_key, state_value) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (service_name, state_type, state_key) DO UPDATE SET state_value = excluded.state_value";
inline constexpr const char* kStateGetOne =
    "SELECT state_key, state_value FROM service_state "
    "WHERE service_name = ?1 AND state_type = ?2 AND state_key = ?3";
inline constexpr const char* kStateGetAll =
    "SELECT state_key, state_value FROM service_state WHERE service_name = ?1 AND state_type = ?2 "
    "ORDER BY state_key";
inline constexpr const char* kStateDelete =
    "DELETE FROM service_state WHERE service_name = ?1 AND state_type = ?2 AND state_key = ?3";
inline constexpr const char* kStateDeleteStale =
    "DELETE FROM service_state WHERE service_name = ?1 AND state_type = ?2 "
    "AND state_key NOT IN (SELECT url FROM relay) AND state_key NOT IN (SELECT value FROM json_each(?3))";

// Service queries (database.md §13). kDueRelays: ?1 networks, ?2 checked_before, ?3 limit.
// kRelayCursors: ?1 service, ?2 networks or NULL. kScanTagValues: ?1 url, ?2 seen_at,
// ?3 event id (bytes), ?4 limit.
inline constexpr const char* kDueRelays =
    "SELECT r.url, r.discovered_at, coalesce(json_extract(s.state_value, '$.timestamp'), 0) AS checked "
    "FROM relay AS r LEFT JOIN service_state AS s ON s.service_name = 'monitor' "
    "AND s.state_type = 'checkpoint' AND s.state_key = r.url "
    "WHERE r.network IN (SELECT value FROM json_each(?1)) "
    "AND (s.state_key IS NULL OR coalesce(json_extract(s.state_value, '$.timestamp'), 0) < ?2) "
    "ORDER BY checked, r.discovered_at, r.url LIMIT ?3";
inline constexpr const char* kRelayCursors =
    "SELECT r.url, r.discovered_at, coalesce(json_extract(s.state_value, '$.timestamp'), 0) AS ts, "
    "coalesce(json_extract(s.state_value, '$.id'), "
    "'0000000000000000000000000000000000000000000000000000000000000000') AS id "
    "FROM relay AS r LEFT JOIN service_state AS s ON s.service_name = ?1 "
    "AND s.state_type = 'cursor' AND s.state_key = r.url "
    "WHERE ?2 IS NULL OR r.network IN (SELECT value FROM json_each(?2)) ORDER BY ts, id, r.url";
inline constexpr const char* kScanTagValues =
    "SELECT er.seen_at, lower(hex(er.event_id)), e.tagvalues FROM event_relay AS er "
    "JOIN event AS e ON e.id = er.event_id "
    "WHERE er.relay_id = (SELECT id FROM relay WHERE url = ?1) AND (er.seen_at, er.event_id) > (?2, ?3) "
    "ORDER BY er.seen_at, er.event_id LIMIT ?4";

// Clean-up, one round of at most ?1 rows.
inline constexpr const char* kOrphanEventsDelete =
    "DELETE FROM event WHERE id IN (SELECT e.id FROM event AS e "
    "WHERE NOT EXISTS (SELECT 1 FROM event_relay AS er WHERE er.event_id = e.id) LIMIT ?1)";
inline constexpr const char* kOrphanMetadataDelete =
    "DELETE FROM metadata WHERE rowid IN (SELECT m.rowid FROM metadata AS m "
    "WHERE NOT EXISTS (SELECT 1 FROM relay_metadata AS rm "
    "WHERE rm.metadata_id = m.id AND rm.metadata_type = m.type) LIMIT ?1)";

// Views and tools.
inline constexpr const char* kObjectExists =
    "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?1";
// read_rows: kReadRowsPrefix + quoted name + ORDER BY its key columns + kReadRowsLimit.
inline constexpr std::string_view kReadRowsPrefix = "SELECT * FROM ";
inline constexpr std::string_view kReadRowsLimit = " LIMIT ?1";
inline constexpr const char* kKeyColumns = "SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk";
inline constexpr const char* kCounts =
    "SELECT (SELECT count(*) FROM relay), (SELECT count(*) FROM event), (SELECT count(*) FROM event_relay), "
    "(SELECT count(*) FROM metadata), (SELECT count(*) FROM relay_metadata), "
    "(SELECT count(*) FROM relay_status), (SELECT count(*) FROM service_state)";

// The analytics tables in refresh order (database.md §8): each is rebuilt from the view
// <name>_source of sql/sqlite/04_analytics_sources.sql.
inline constexpr const auto& kViewNames = kAnalyticsViews;
inline constexpr std::string_view kViewClearPrefix = "DELETE FROM ";
inline constexpr std::string_view kViewFillTemplate = "INSERT INTO {view} SELECT * FROM {view}_source";

}  // namespace bigbrotr::core::store::sqlite::sql
