-- Insert, upsert and delete functions (database.md §6). Every mutation takes one array
-- per column, zipped with unnest; relays are named by URL and resolved to their id here.
-- The flavour-specific event_insert and event_insert_staged live in 05_functions_event_*.

CREATE OR REPLACE FUNCTION relay_insert(p_urls TEXT[], p_networks TEXT[], p_discovered_ats BIGINT[])
RETURNS INTEGER
LANGUAGE plpgsql
AS $$
DECLARE
  v_rows INTEGER;
BEGIN
  -- Known URLs are filtered before the INSERT: every attempted row draws an id from the
  -- identity sequence, and the cascades re-send known relays with every batch.
  INSERT INTO relay (url, network, discovered_at)
  SELECT DISTINCT ON (t.url) t.url, t.network, t.discovered_at
  FROM unnest(p_urls, p_networks, p_discovered_ats) AS t(url, network, discovered_at)
  WHERE NOT EXISTS (SELECT 1 FROM relay r WHERE r.url = t.url)
  ORDER BY t.url, t.discovered_at
  ON CONFLICT (url) DO NOTHING;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  RETURN v_rows;
END
$$;

CREATE OR REPLACE FUNCTION metadata_insert(p_ids BYTEA[], p_metadata_types TEXT[], p_data JSONB[])
RETURNS INTEGER
LANGUAGE plpgsql
AS $$
DECLARE
  v_rows INTEGER;
BEGIN
  INSERT INTO metadata (id, type, data)
  SELECT t.id, t.type, t.data
  FROM unnest(p_ids, p_metadata_types, p_data) AS t(id, type, data)
  ON CONFLICT (id, type) DO NOTHING;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  RETURN v_rows;
END
$$;

CREATE OR REPLACE FUNCTION event_relay_insert(p_event_ids BYTEA[], p_relay_urls TEXT[], p_seen_ats BIGINT[])
RETURNS INTEGER
LANGUAGE plpgsql
AS $$
DECLARE
  v_rows INTEGER;
BEGIN
  -- Duplicate pairs in one batch keep their earliest seen_at (the first observation).
  INSERT INTO event_relay (event_id, relay_id, seen_at)
  SELECT DISTINCT ON (t.event_id, r.id) t.event_id, r.id, t.seen_at
  FROM unnest(p_event_ids, p_relay_urls, p_seen_ats) AS t(event_id, relay_url, seen_at)
  JOIN relay r ON r.url = t.relay_url
  ORDER BY t.event_id, r.id, t.seen_at
  ON CONFLICT (event_id, relay_id) DO NOTHING;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  RETURN v_rows;
END
$$;

CREATE OR REPLACE FUNCTION relay_metadata_insert(p_relay_urls TEXT[], p_metadata_ids BYTEA[],
                                                 p_metadata_types TEXT[], p_generated_ats BIGINT[])
RETURNS INTEGER
LANGUAGE plpgsql
AS $$
DECLARE
  v_rows INTEGER;
BEGIN
  INSERT INTO relay_metadata (relay_id, metadata_id, metadata_type, generated_at)
  SELECT r.id, t.metadata_id, t.metadata_type, t.generated_at
  FROM unnest(p_relay_urls, p_metadata_ids, p_metadata_types, p_generated_ats)
       AS t(relay_url, metadata_id, metadata_type, generated_at)
  JOIN relay r ON r.url = t.relay_url
  ON CONFLICT (relay_id, generated_at, metadata_type) DO NOTHING;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  RETURN v_rows;
END
$$;

-- One element per status row (docs/status.md); relays are inserted when missing. A later
-- row of the same relay and second replaces an earlier one, within the call too. Returns
-- the rows written.
CREATE OR REPLACE FUNCTION relay_status_insert_cascade(
  p_relay_urls TEXT[], p_relay_networks TEXT[], p_relay_discovered_ats BIGINT[], p_checked_ats BIGINT[],
  p_statuses TEXT[], p_reasons TEXT[], p_messages TEXT[], p_rtt_opens BIGINT[], p_rtt_reads BIGINT[],
  p_rtt_writes BIGINT[], p_claims TEXT[])
RETURNS INTEGER
LANGUAGE plpgsql
AS $$
DECLARE
  v_rows INTEGER;
BEGIN
  PERFORM relay_insert(p_relay_urls, p_relay_networks, p_relay_discovered_ats);
  INSERT INTO relay_status (relay_id, checked_at, status, reason, message, rtt_open, rtt_read, rtt_write,
                            claims)
  SELECT DISTINCT ON (r.id, t.checked_at) r.id, t.checked_at, t.status, t.reason, t.message, t.rtt_open,
         t.rtt_read, t.rtt_write, t.claims
  FROM unnest(p_relay_urls, p_checked_ats, p_statuses, p_reasons, p_messages, p_rtt_opens, p_rtt_reads,
              p_rtt_writes, p_claims) WITH ORDINALITY
       AS t(relay_url, checked_at, status, reason, message, rtt_open, rtt_read, rtt_write, claims, position)
  JOIN relay r ON r.url = t.relay_url
  ORDER BY r.id, t.checked_at, t.position DESC
  ON CONFLICT (relay_id, checked_at) DO UPDATE
    SET status = excluded.status, reason = excluded.reason, message = excluded.message,
        rtt_open = excluded.rtt_open, rtt_read = excluded.rtt_read, rtt_write = excluded.rtt_write,
        claims = excluded.claims;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  RETURN v_rows;
END
$$;

-- One element per (event, relay) observation; relay columns repeat. Atomic because it is
-- one call. Returns the junction rows inserted.
CREATE OR REPLACE FUNCTION event_relay_insert_cascade(
  p_event_ids BYTEA[], p_pubkeys BYTEA[], p_created_ats BIGINT[], p_kinds INTEGER[], p_tags JSONB[],
  p_content_values TEXT[], p_sigs BYTEA[], p_relay_urls TEXT[], p_relay_networks TEXT[],
  p_relay_discovered_ats BIGINT[], p_seen_ats BIGINT[])
RETURNS INTEGER
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM relay_insert(p_relay_urls, p_relay_networks, p_relay_discovered_ats);
  PERFORM event_insert(p_event_ids, p_pubkeys, p_created_ats, p_kinds, p_tags, p_content_values, p_sigs);
  RETURN event_relay_insert(p_event_ids, p_relay_urls, p_seen_ats);
END
$$;

CREATE OR REPLACE FUNCTION relay_metadata_insert_cascade(
  p_relay_urls TEXT[], p_relay_networks TEXT[], p_relay_discovered_ats BIGINT[], p_metadata_ids BYTEA[],
  p_metadata_types TEXT[], p_metadata_data JSONB[], p_generated_ats BIGINT[])
RETURNS INTEGER
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM relay_insert(p_relay_urls, p_relay_networks, p_relay_discovered_ats);
  PERFORM metadata_insert(p_metadata_ids, p_metadata_types, p_metadata_data);
  RETURN relay_metadata_insert(p_relay_urls, p_metadata_ids, p_metadata_types, p_generated_ats);
END
$$;

-- The fast path of event_relay_insert_cascade: the caller creates the staging table with
-- event_relay_stage_create(), fills it with COPY, then calls event_relay_insert_staged()
-- in the same transaction (COPY into a staging table beats array parameters, design.md §6).
CREATE OR REPLACE FUNCTION event_relay_stage_create()
RETURNS VOID
LANGUAGE plpgsql
AS $$
BEGIN
  -- A second batch in the same transaction finds the table of the first.
  IF to_regclass('pg_temp.event_relay_stage') IS NOT NULL THEN
    TRUNCATE event_relay_stage;
    RETURN;
  END IF;
  CREATE TEMP TABLE event_relay_stage (
    event_id BYTEA NOT NULL,
    pubkey BYTEA NOT NULL,
    created_at BIGINT NOT NULL,
    kind INTEGER NOT NULL,
    tags JSONB,
    tagvalues TEXT[] NOT NULL,
    content TEXT,
    sig BYTEA,
    relay_url TEXT NOT NULL,
    relay_network TEXT NOT NULL,
    relay_discovered_at BIGINT NOT NULL,
    seen_at BIGINT NOT NULL
  ) ON COMMIT DROP;
END
$$;

CREATE OR REPLACE FUNCTION event_relay_insert_staged()
RETURNS INTEGER
LANGUAGE plpgsql
-- The foreign-key checks of event_relay run once per row against the partitioned event
-- table; with custom plans PostgreSQL planned each of them anew (a fifth of the server
-- time in the sync benchmark). A generic plan is made once and pruned at run time.
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
  v_rows INTEGER;
BEGIN
  INSERT INTO relay (url, network, discovered_at)
  SELECT DISTINCT ON (s.relay_url) s.relay_url, s.relay_network, s.relay_discovered_at
  FROM event_relay_stage s
  WHERE NOT EXISTS (SELECT 1 FROM relay r WHERE r.url = s.relay_url)
  ORDER BY s.relay_url, s.relay_discovered_at
  ON CONFLICT (url) DO NOTHING;
  PERFORM event_insert_staged();
  INSERT INTO event_relay (event_id, relay_id, seen_at)
  SELECT DISTINCT ON (s.event_id, r.id) s.event_id, r.id, s.seen_at
  FROM event_relay_stage s
  JOIN relay r ON r.url = s.relay_url
  ORDER BY s.event_id, r.id, s.seen_at
  ON CONFLICT (event_id, relay_id) DO NOTHING;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  RETURN v_rows;
END
$$;
