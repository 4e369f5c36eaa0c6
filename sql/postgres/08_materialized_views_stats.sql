-- Statistics over events, relays, kinds, pubkeys and networks (database.md §8).
-- Relays appear by URL; the junctions are joined to relay by id.

CREATE MATERIALIZED VIEW IF NOT EXISTS event_stats AS
SELECT 1 AS singleton_key,
       count(*) AS event_count,
       count(DISTINCT e.pubkey) AS unique_pubkeys,
       count(DISTINCT e.kind) AS unique_kinds,
       min(e.created_at) AS earliest_event_timestamp,
       max(e.created_at) AS latest_event_timestamp,
       count(*) FILTER (WHERE event_kind_category(e.kind) = 'regular') AS regular_event_count,
       count(*) FILTER (WHERE event_kind_category(e.kind) = 'replaceable') AS replaceable_event_count,
       count(*) FILTER (WHERE event_kind_category(e.kind) = 'ephemeral') AS ephemeral_event_count,
       count(*) FILTER (WHERE event_kind_category(e.kind) = 'addressable') AS addressable_event_count,
       count(*) FILTER (WHERE e.created_at >= now.ts - 3600) AS event_count_last_1h,
       count(*) FILTER (WHERE e.created_at >= now.ts - 86400) AS event_count_last_24h,
       count(*) FILTER (WHERE e.created_at >= now.ts - 604800) AS event_count_last_7d,
       count(*) FILTER (WHERE e.created_at >= now.ts - 2592000) AS event_count_last_30d,
       round(count(*)::NUMERIC / GREATEST((max(e.created_at) - min(e.created_at)) / 86400.0, 1), 2)
         AS events_per_day
FROM event e
CROSS JOIN (SELECT extract(epoch FROM now())::BIGINT AS ts) now;

CREATE UNIQUE INDEX IF NOT EXISTS event_stats_key ON event_stats (singleton_key);

CREATE MATERIALIZED VIEW IF NOT EXISTS relay_stats AS
WITH events AS (
  SELECT er.relay_id, min(e.created_at) AS first_event_timestamp, max(e.created_at) AS last_event_timestamp,
         count(*) AS event_count, count(DISTINCT e.pubkey) AS unique_pubkeys,
         count(DISTINCT e.kind) AS unique_kinds
  FROM event_relay er
  JOIN event e ON e.id = er.event_id
  GROUP BY er.relay_id
), rtt AS (
  SELECT x.relay_id,
         round(avg(CASE WHEN jsonb_typeof(x.fields -> 'rtt_open') = 'number'
                        THEN (x.fields ->> 'rtt_open')::NUMERIC END), 2) AS avg_rtt_open,
         round(avg(CASE WHEN jsonb_typeof(x.fields -> 'rtt_read') = 'number'
                        THEN (x.fields ->> 'rtt_read')::NUMERIC END), 2) AS avg_rtt_read,
         round(avg(CASE WHEN jsonb_typeof(x.fields -> 'rtt_write') = 'number'
                        THEN (x.fields ->> 'rtt_write')::NUMERIC END), 2) AS avg_rtt_write
  FROM (
    SELECT rm.relay_id, m.data -> 'data' AS fields,
           row_number() OVER (PARTITION BY rm.relay_id ORDER BY rm.generated_at DESC) AS newest
    FROM relay_metadata rm
    JOIN metadata m ON m.id = rm.metadata_id AND m.type = rm.metadata_type
    WHERE rm.metadata_type = 'nip66_rtt'
  ) x
  WHERE x.newest <= 10
  GROUP BY x.relay_id
)
SELECT r.url AS relay_url, r.network, r.discovered_at,
       ev.first_event_timestamp, ev.last_event_timestamp,
       rtt.avg_rtt_open, rtt.avg_rtt_read, rtt.avg_rtt_write,
       COALESCE(ev.event_count, 0) AS event_count,
       COALESCE(ev.unique_pubkeys, 0) AS unique_pubkeys,
       COALESCE(ev.unique_kinds, 0) AS unique_kinds,
       nip11.data -> 'data' ->> 'name' AS nip11_name,
       nip11.data -> 'data' ->> 'software' AS nip11_software,
       nip11.data -> 'data' ->> 'version' AS nip11_version
FROM relay r
LEFT JOIN events ev ON ev.relay_id = r.id
LEFT JOIN rtt ON rtt.relay_id = r.id
LEFT JOIN relay_metadata_latest nip11 ON nip11.relay_url = r.url AND nip11.metadata_type = 'nip11_info';

CREATE UNIQUE INDEX IF NOT EXISTS relay_stats_key ON relay_stats (relay_url);
CREATE INDEX IF NOT EXISTS idx_relay_stats_network ON relay_stats (network);

CREATE MATERIALIZED VIEW IF NOT EXISTS kind_counts AS
SELECT e.kind, count(*) AS event_count, count(DISTINCT e.pubkey) AS unique_pubkeys,
       event_kind_category(e.kind) AS category
FROM event e
GROUP BY e.kind;

CREATE UNIQUE INDEX IF NOT EXISTS kind_counts_key ON kind_counts (kind);

CREATE MATERIALIZED VIEW IF NOT EXISTS kind_counts_by_relay AS
SELECT e.kind, r.url AS relay_url, count(*) AS event_count, count(DISTINCT e.pubkey) AS unique_pubkeys
FROM event_relay er
JOIN event e ON e.id = er.event_id
JOIN relay r ON r.id = er.relay_id
GROUP BY e.kind, r.url;

CREATE UNIQUE INDEX IF NOT EXISTS kind_counts_by_relay_key ON kind_counts_by_relay (kind, relay_url);
CREATE INDEX IF NOT EXISTS idx_kind_counts_by_relay_relay_url ON kind_counts_by_relay (relay_url);

CREATE MATERIALIZED VIEW IF NOT EXISTS pubkey_counts AS
SELECT encode(e.pubkey, 'hex') AS pubkey, count(*) AS event_count, count(DISTINCT e.kind) AS unique_kinds,
       min(e.created_at) AS first_event_timestamp, max(e.created_at) AS last_event_timestamp
FROM event e
GROUP BY e.pubkey;

CREATE UNIQUE INDEX IF NOT EXISTS pubkey_counts_key ON pubkey_counts (pubkey);

CREATE MATERIALIZED VIEW IF NOT EXISTS pubkey_counts_by_relay AS
SELECT r.url AS relay_url, encode(e.pubkey, 'hex') AS pubkey, count(*) AS event_count,
       count(DISTINCT e.kind) AS unique_kinds,
       min(e.created_at) AS first_event_timestamp, max(e.created_at) AS last_event_timestamp
FROM event_relay er
JOIN event e ON e.id = er.event_id
JOIN relay r ON r.id = er.relay_id
GROUP BY r.url, e.pubkey
HAVING count(*) >= 2;

CREATE UNIQUE INDEX IF NOT EXISTS pubkey_counts_by_relay_key ON pubkey_counts_by_relay (pubkey, relay_url);
CREATE INDEX IF NOT EXISTS idx_pubkey_counts_by_relay_relay_url ON pubkey_counts_by_relay (relay_url);

-- An event seen on several relays of one network counts once for that network.
CREATE MATERIALIZED VIEW IF NOT EXISTS network_stats AS
WITH relays AS (
  SELECT r.network, count(*) AS relay_count FROM relay r GROUP BY r.network
), events AS (
  SELECT r.network, count(DISTINCT er.event_id) AS event_count, count(DISTINCT e.pubkey) AS unique_pubkeys,
         count(DISTINCT e.kind) AS unique_kinds
  FROM event_relay er
  JOIN relay r ON r.id = er.relay_id
  JOIN event e ON e.id = er.event_id
  GROUP BY r.network
)
SELECT relays.network, relays.relay_count,
       COALESCE(events.event_count, 0) AS event_count,
       COALESCE(events.unique_pubkeys, 0) AS unique_pubkeys,
       COALESCE(events.unique_kinds, 0) AS unique_kinds
FROM relays
LEFT JOIN events ON events.network = relays.network;

CREATE UNIQUE INDEX IF NOT EXISTS network_stats_key ON network_stats (network);

CREATE MATERIALIZED VIEW IF NOT EXISTS event_daily_counts AS
SELECT DATE '1970-01-01' + (e.created_at / 86400)::INTEGER AS day, count(*) AS event_count,
       count(DISTINCT e.pubkey) AS unique_pubkeys, count(DISTINCT e.kind) AS unique_kinds
FROM event e
GROUP BY 1;

CREATE UNIQUE INDEX IF NOT EXISTS event_daily_counts_key ON event_daily_counts (day);
