#pragma once

#include <array>
#include <string_view>

#include "core/store/analytics_views.hpp"

// Every SQL statement the PostgreSQL store runs, in one place; the schema itself lives in
// sql/postgres/*.sql. Parameters are $1 … with explicit casts, so statements run unnamed
// (PQexecParams) and nothing outlives a transaction (PgBouncer transaction mode). Lists
// are text array literals ($1::text[]); mutations go through the stored functions.
// Candidates are the validator/checkpoint rows of service_state (database.md §3.6).
namespace bigbrotr::core::store::postgres::sql {

// 2: the staged event insert takes tagvalues from the client and plans the event_relay
// foreign-key checks once (a version-1 database gets the scripts again on init).
// 3: relay_status and the relay_uptime view of the status model (docs/status.md).
// 4: the relay_directory view the API's relay list reads (docs/api.md).
inline constexpr int kSchemaVersion = 4;

// Schema: the whole set of scripts runs in one transaction under this advisory lock, so
// concurrent `init`s (several services starting at once) take turns.
inline constexpr const char* kSchemaLock = "SELECT pg_advisory_xact_lock(4242424242001)";
inline constexpr const char* kSchemaInfoExists = "SELECT to_regclass('public.schema_info') IS NOT NULL";
inline constexpr const char* kSchemaInfoGet = "SELECT version, flavour FROM public.schema_info WHERE id = 1";
inline constexpr const char* kSchemaInfoPut =
    "INSERT INTO schema_info (id, version, flavour, updated_at) VALUES (1, $1::integer, $2::text, "
    "$3::bigint) "
    "ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, updated_at = EXCLUDED.updated_at "
    "WHERE schema_info.version <> EXCLUDED.version";
inline constexpr const char* kHealth = "SELECT 1";

// Relays. kRelays: $1 networks, empty = all.
inline constexpr const char* kRelayInsert = "SELECT relay_insert($1::text[], $2::text[], $3::bigint[])";
inline constexpr const char* kRelays =
    "SELECT url, discovered_at FROM relay "
    "WHERE cardinality($1::text[]) = 0 OR network = ANY($1::text[]) ORDER BY url";
inline constexpr const char* kRelayDelete = "DELETE FROM relay WHERE url = ANY($1::text[])";

// Candidates. Filter: $1 networks (empty = none), $2 retry_before.
// $1 urls, $2 networks, $3 now.
inline constexpr const char* kCandidateAdd =
    "INSERT INTO service_state (service_name, state_type, state_key, state_value) "
    "SELECT 'validator', 'checkpoint', t.url, "
    "jsonb_build_object('failures', 0, 'network', t.network, 'timestamp', $3::bigint) "
    "FROM unnest($1::text[], $2::text[]) AS t(url, network) "
    "WHERE NOT EXISTS (SELECT 1 FROM relay r WHERE r.url = t.url) "
    "ON CONFLICT (service_name, state_type, state_key) DO NOTHING";
inline constexpr const char* kCandidateCount =
    "SELECT count(*) "
    "FROM service_state WHERE service_name = 'validator' AND state_type = 'checkpoint' "
    "AND state_value ->> 'network' = ANY($1::text[]) "
    "AND (COALESCE((state_value ->> 'failures')::bigint, 0) = 0 OR COALESCE((state_value ->> "
    "'timestamp')::bigint, 0) < $2::bigint)";
// $3 limit.
inline constexpr const char* kCandidatesEligible =
    "SELECT state_key, COALESCE((state_value ->> 'failures')::bigint, 0), COALESCE((state_value ->> "
    "'timestamp')::bigint, 0) "
    "FROM service_state WHERE service_name = 'validator' AND state_type = 'checkpoint' "
    "AND state_value ->> 'network' = ANY($1::text[]) "
    "AND (COALESCE((state_value ->> 'failures')::bigint, 0) = 0 OR COALESCE((state_value ->> "
    "'timestamp')::bigint, 0) < $2::bigint)"
    " ORDER BY 2, 3, state_key LIMIT $3::bigint";
inline constexpr const char* kCandidatesAll =
    "SELECT state_key, COALESCE((state_value ->> 'failures')::bigint, 0), COALESCE((state_value ->> "
    "'timestamp')::bigint, 0) "
    "FROM service_state WHERE service_name = 'validator' AND state_type = 'checkpoint' ORDER BY state_key";
// $1 urls, $2 networks, $3 stored failure counts, $4 now. The last entry of a URL wins.
inline constexpr const char* kCandidateFailures =
    "INSERT INTO service_state (service_name, state_type, state_key, state_value) "
    "SELECT DISTINCT ON (t.url) 'validator', 'checkpoint', t.url, "
    "jsonb_build_object('failures', t.failures, 'network', t.network, 'timestamp', $4::bigint) "
    "FROM unnest($1::text[], $2::text[], $3::bigint[]) WITH ORDINALITY AS t(url, network, failures, "
    "position) "
    "ORDER BY t.url, t.position DESC "
    "ON CONFLICT (service_name, state_type, state_key) DO UPDATE SET state_value = EXCLUDED.state_value";
inline constexpr const char* kCandidatesDelete =
    "DELETE FROM service_state WHERE service_name = 'validator' AND state_type = 'checkpoint' AND state_key "
    "= ANY($1::text[])";
inline constexpr const char* kCandidatesDeletePromoted =
    "DELETE FROM service_state s WHERE s.service_name = 'validator' AND state_type = 'checkpoint' "
    "AND EXISTS (SELECT 1 FROM relay r WHERE r.url = s.state_key)";
inline constexpr const char* kCandidatesDeleteExhausted =
    "DELETE FROM service_state WHERE service_name = 'validator' AND state_type = 'checkpoint' AND "
    "COALESCE((state_value ->> 'failures')::bigint, 0) >= $1::bigint";

// Events: COPY into a staging table, then one call moves relays, events and junctions.
inline constexpr const char* kEventStageCreate = "SELECT event_relay_stage_create()";
inline constexpr const char* kEventStageCopy =
    "COPY event_relay_stage (event_id, pubkey, created_at, kind, tags, tagvalues, content, sig, relay_url, "
    "relay_network, "
    "relay_discovered_at, seen_at) FROM STDIN";
inline constexpr const char* kEventStageFlush = "SELECT event_relay_insert_staged()";
inline constexpr const char* kEventIdsOfRelay =
    "SELECT encode(er.event_id, 'hex') FROM event_relay er JOIN relay r ON r.id = er.relay_id "
    "WHERE r.url = $1::text ORDER BY er.event_id";

// Metadata with relays and junctions.
inline constexpr const char* kRelayMetadataInsert =
    "SELECT relay_metadata_insert_cascade($1::text[], $2::text[], $3::bigint[], $4::bytea[], $5::text[], "
    "$6::jsonb[], $7::bigint[])";

// Relay status (docs/status.md). History: $1 url, $2 since, $3 until, $4 limit.
inline constexpr const char* kRelayStatusInsert =
    "SELECT relay_status_insert_cascade($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::text[], "
    "$6::text[], $7::text[], $8::bigint[], $9::bigint[], $10::bigint[], $11::text[])";
// $1 cutoff, $2 rows per round: the count of rows deleted.
inline constexpr const char* kRelayStatusDeleteBefore =
    "WITH gone AS (DELETE FROM relay_status WHERE ctid IN (SELECT ctid FROM relay_status "
    "WHERE checked_at < $1::BIGINT LIMIT $2::INTEGER) RETURNING 1) SELECT count(*) FROM gone";
inline constexpr const char* kRelayStatusHistory =
    "SELECT r.url, r.discovered_at, s.checked_at, s.status, s.reason, s.message, s.rtt_open, s.rtt_read, "
    "s.rtt_write, s.claims FROM relay_status s JOIN relay r ON r.id = s.relay_id "
    "WHERE r.url = $1 AND s.checked_at BETWEEN $2::bigint AND $3::bigint ORDER BY s.checked_at LIMIT $4::bigint";

// Service state.
inline constexpr const char* kStateUpsert =
    "SELECT service_state_upsert($1::text[], $2::text[], $3::text[], $4::jsonb[])";
inline constexpr const char* kStateGet =
    "SELECT state_key, state_value::text FROM service_state_get($1::text, $2::text, $3::text)";
inline constexpr const char* kStateDelete = "SELECT service_state_delete($1::text[], $2::text[], $3::text[])";
// $1 service, $2 type, $3 keys to keep.
inline constexpr const char* kStateDeleteStale =
    "DELETE FROM service_state s WHERE s.service_name = $1::text AND s.state_type = $2::text "
    "AND NOT EXISTS (SELECT 1 FROM relay r WHERE r.url = s.state_key) AND NOT (s.state_key = "
    "ANY($3::text[]))";

// Service queries (database.md §13). kDueRelays: $1 networks, $2 checked_before, $3 limit.
inline constexpr const char* kDueRelays =
    "SELECT r.url, r.discovered_at, COALESCE((s.state_value ->> 'timestamp')::bigint, 0) AS checked "
    "FROM relay r LEFT JOIN service_state s ON s.service_name = 'monitor' AND s.state_type = 'checkpoint' "
    "AND s.state_key = r.url "
    "WHERE r.network = ANY($1::text[]) "
    "AND (s.state_key IS NULL OR COALESCE((s.state_value ->> 'timestamp')::bigint, 0) < $2::bigint) "
    "ORDER BY checked, r.discovered_at, r.url LIMIT $3::bigint";
// $1 service, $2 networks (empty = all).
inline constexpr const char* kRelayCursors =
    "SELECT r.url, r.discovered_at, COALESCE((s.state_value ->> 'timestamp')::bigint, 0) AS ts, "
    "COALESCE(s.state_value ->> 'id', repeat('0', 64)) AS id "
    "FROM relay r LEFT JOIN service_state s ON s.service_name = $1::text AND s.state_type = 'cursor' "
    "AND s.state_key = r.url "
    "WHERE cardinality($2::text[]) = 0 OR r.network = ANY($2::text[]) ORDER BY ts, id, r.url";
// $1 url, $2 seen_at, $3 event id (hex), $4 limit.
inline constexpr const char* kScanTagValues =
    "SELECT er.seen_at, encode(er.event_id, 'hex'), array_to_json(e.tagvalues)::text "
    "FROM event_relay er JOIN event e ON e.id = er.event_id "
    "WHERE er.relay_id = (SELECT id FROM relay WHERE url = $1::text) "
    "AND (er.seen_at, er.event_id) > ($2::bigint, decode($3::text, 'hex')) "
    "ORDER BY er.seen_at, er.event_id LIMIT $4::bigint";

// Clean-up.
inline constexpr const char* kOrphanEventsDelete = "SELECT orphan_event_delete($1::integer)";
inline constexpr const char* kOrphanMetadataDelete = "SELECT orphan_metadata_delete($1::integer)";

// Views and tools. The materialized views in refresh order (database.md §8); each has a
// <name>_refresh() function.
inline constexpr const auto& kViewNames = kAnalyticsViews;
inline constexpr std::string_view kViewRefreshSuffix = "_refresh()";
// $1 name: the columns of a table, view or materialized view of schema public (none when
// there is no such relation), with whether each holds bytes.
inline constexpr const char* kRelationColumns =
    "SELECT a.attname, a.atttypid = 'bytea'::regtype FROM pg_class c "
    "JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public' "
    "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
    "WHERE c.relname = $1::text AND c.relkind IN ('r', 'p', 'v', 'm') ORDER BY a.attnum";
// $1 name: the columns of its primary key, else of its first unique non-partial index.
inline constexpr const char* kKeyColumns =
    "WITH key AS (SELECT i.indrelid, i.indkey FROM pg_index i "
    "WHERE i.indrelid = ('public.' || quote_ident($1::text))::regclass AND i.indisunique "
    "AND i.indpred IS NULL AND i.indexprs IS NULL ORDER BY i.indisprimary DESC, i.indexrelid LIMIT 1) "
    "SELECT a.attname FROM key CROSS JOIN LATERAL unnest(key.indkey::int2[]) WITH ORDINALITY AS k(attnum, "
    "position) "
    "JOIN pg_attribute a ON a.attrelid = key.indrelid AND a.attnum = k.attnum ORDER BY k.position";
inline constexpr const char* kCounts =
    "SELECT (SELECT count(*) FROM relay), (SELECT count(*) FROM event), (SELECT count(*) FROM event_relay), "
    "(SELECT count(*) FROM metadata), (SELECT count(*) FROM relay_metadata), "
    "(SELECT count(*) FROM relay_status), (SELECT count(*) FROM service_state)";

}  // namespace bigbrotr::core::store::postgres::sql
