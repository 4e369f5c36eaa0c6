-- What each analytics table of 03_analytics_tables.sql holds, as a plain view: refreshing
-- <name> replaces its rows with those of <name>_source in one transaction. Views are
-- re-created on every init so their definitions always match the running binary.
-- Kind classes (NIP-01): regular 1, 2, 4-44, 1000-9999; replaceable 0, 3, 10000-19999;
-- ephemeral 20000-29999; addressable 30000-39999; anything else other.
-- Check documents are {"data": {...}, "logs": {...}}; fields are read from $.data.

DROP VIEW IF EXISTS relay_metadata_latest_source;
CREATE VIEW relay_metadata_latest_source AS
SELECT r.url AS relay_url, rm.metadata_type, rm.generated_at, rm.metadata_id, m.data
FROM (
  SELECT relay_id, metadata_type, generated_at, metadata_id,
         row_number() OVER (PARTITION BY relay_id, metadata_type ORDER BY generated_at DESC) AS rank
  FROM relay_metadata
) AS rm
JOIN relay AS r ON r.id = rm.relay_id
JOIN metadata AS m ON m.id = rm.metadata_id AND m.type = rm.metadata_type
WHERE rm.rank = 1;

DROP VIEW IF EXISTS event_stats_source;
CREATE VIEW event_stats_source AS
SELECT
  1 AS singleton_key,
  count(*) AS event_count,
  count(DISTINCT e.pubkey) AS unique_pubkeys,
  count(DISTINCT e.kind) AS unique_kinds,
  min(e.created_at) AS earliest_event_timestamp,
  max(e.created_at) AS latest_event_timestamp,
  coalesce(sum(e.kind IN (1, 2) OR e.kind BETWEEN 4 AND 44 OR e.kind BETWEEN 1000 AND 9999), 0)
    AS regular_event_count,
  coalesce(sum(e.kind IN (0, 3) OR e.kind BETWEEN 10000 AND 19999), 0) AS replaceable_event_count,
  coalesce(sum(e.kind BETWEEN 20000 AND 29999), 0) AS ephemeral_event_count,
  coalesce(sum(e.kind BETWEEN 30000 AND 39999), 0) AS addressable_event_count,
  coalesce(sum(e.created_at >= now.ts - 3600), 0) AS event_count_last_1h,
  coalesce(sum(e.created_at >= now.ts - 86400), 0) AS event_count_last_24h,
  coalesce(sum(e.created_at >= now.ts - 604800), 0) AS event_count_last_7d,
  coalesce(sum(e.created_at >= now.ts - 2592000), 0) AS event_count_last_30d,
  round(count(*) / max(coalesce((max(e.created_at) - min(e.created_at)) / 86400.0, 1.0), 1.0), 2)
    AS events_per_day
FROM event AS e, (SELECT CAST(strftime('%s', 'now') AS INTEGER) AS ts) AS now;

DROP VIEW IF EXISTS relay_stats_source;
CREATE VIEW relay_stats_source AS
SELECT
  r.url AS relay_url, r.network, r.discovered_at,
  ev.first_event_timestamp, ev.last_event_timestamp,
  rtt.avg_rtt_open, rtt.avg_rtt_read, rtt.avg_rtt_write,
  coalesce(ev.event_count, 0) AS event_count,
  coalesce(ev.unique_pubkeys, 0) AS unique_pubkeys,
  coalesce(ev.unique_kinds, 0) AS unique_kinds,
  json_extract(nip11.data, '$.data.name') AS nip11_name,
  json_extract(nip11.data, '$.data.software') AS nip11_software,
  json_extract(nip11.data, '$.data.version') AS nip11_version
FROM relay AS r
LEFT JOIN (
  SELECT er.relay_id, min(e.created_at) AS first_event_timestamp, max(e.created_at) AS last_event_timestamp,
         count(*) AS event_count, count(DISTINCT e.pubkey) AS unique_pubkeys, count(DISTINCT e.kind) AS unique_kinds
  FROM event_relay AS er JOIN event AS e ON e.id = er.event_id
  GROUP BY er.relay_id
) AS ev ON ev.relay_id = r.id
LEFT JOIN (
  SELECT recent.relay_id,
         round(avg(json_extract(m.data, '$.data.rtt_open')), 2) AS avg_rtt_open,
         round(avg(json_extract(m.data, '$.data.rtt_read')), 2) AS avg_rtt_read,
         round(avg(json_extract(m.data, '$.data.rtt_write')), 2) AS avg_rtt_write
  FROM (
    SELECT relay_id, metadata_id, metadata_type,
           row_number() OVER (PARTITION BY relay_id ORDER BY generated_at DESC) AS rank
    FROM relay_metadata WHERE metadata_type = 'nip66_rtt'
  ) AS recent
  JOIN metadata AS m ON m.id = recent.metadata_id AND m.type = recent.metadata_type
  WHERE recent.rank <= 10
  GROUP BY recent.relay_id
) AS rtt ON rtt.relay_id = r.id
LEFT JOIN relay_metadata_latest AS nip11 ON nip11.relay_url = r.url AND nip11.metadata_type = 'nip11_info';

DROP VIEW IF EXISTS kind_counts_source;
CREATE VIEW kind_counts_source AS
SELECT
  kind, count(*) AS event_count, count(DISTINCT pubkey) AS unique_pubkeys,
  CASE
    WHEN kind IN (1, 2) OR kind BETWEEN 4 AND 44 OR kind BETWEEN 1000 AND 9999 THEN 'regular'
    WHEN kind IN (0, 3) OR kind BETWEEN 10000 AND 19999 THEN 'replaceable'
    WHEN kind BETWEEN 20000 AND 29999 THEN 'ephemeral'
    WHEN kind BETWEEN 30000 AND 39999 THEN 'addressable'
    ELSE 'other'
  END AS category
FROM event
GROUP BY kind;

DROP VIEW IF EXISTS kind_counts_by_relay_source;
CREATE VIEW kind_counts_by_relay_source AS
SELECT e.kind, r.url AS relay_url, count(*) AS event_count, count(DISTINCT e.pubkey) AS unique_pubkeys
FROM event_relay AS er
JOIN event AS e ON e.id = er.event_id
JOIN relay AS r ON r.id = er.relay_id
GROUP BY e.kind, r.url;

DROP VIEW IF EXISTS pubkey_counts_source;
CREATE VIEW pubkey_counts_source AS
SELECT lower(hex(pubkey)) AS pubkey, count(*) AS event_count, count(DISTINCT kind) AS unique_kinds,
       min(created_at) AS first_event_timestamp, max(created_at) AS last_event_timestamp
FROM event
GROUP BY event.pubkey;

DROP VIEW IF EXISTS pubkey_counts_by_relay_source;
CREATE VIEW pubkey_counts_by_relay_source AS
SELECT r.url AS relay_url, lower(hex(e.pubkey)) AS pubkey, count(*) AS event_count,
       count(DISTINCT e.kind) AS unique_kinds,
       min(e.created_at) AS first_event_timestamp, max(e.created_at) AS last_event_timestamp
FROM event_relay AS er
JOIN event AS e ON e.id = er.event_id
JOIN relay AS r ON r.id = er.relay_id
GROUP BY r.url, e.pubkey
HAVING count(*) >= 2;

-- An event seen on several relays of one network counts once for that network.
DROP VIEW IF EXISTS network_stats_source;
CREATE VIEW network_stats_source AS
SELECT relays.network, relays.relay_count,
       coalesce(events.event_count, 0) AS event_count,
       coalesce(events.unique_pubkeys, 0) AS unique_pubkeys,
       coalesce(events.unique_kinds, 0) AS unique_kinds
FROM (SELECT network, count(*) AS relay_count FROM relay GROUP BY network) AS relays
LEFT JOIN (
  SELECT r.network, count(DISTINCT e.id) AS event_count, count(DISTINCT e.pubkey) AS unique_pubkeys,
         count(DISTINCT e.kind) AS unique_kinds
  FROM event_relay AS er
  JOIN event AS e ON e.id = er.event_id
  JOIN relay AS r ON r.id = er.relay_id
  GROUP BY r.network
) AS events ON events.network = relays.network;

DROP VIEW IF EXISTS relay_software_counts_source;
CREATE VIEW relay_software_counts_source AS
SELECT json_extract(data, '$.data.software') AS software,
       coalesce(json_extract(data, '$.data.version'), 'unknown') AS version,
       count(*) AS relay_count
FROM relay_metadata_latest
WHERE metadata_type = 'nip11_info' AND json_type(data, '$.data.software') = 'text'
GROUP BY 1, 2;

-- Only elements that read as a plain decimal number, like PostgreSQL's '^\d+$'.
DROP VIEW IF EXISTS supported_nip_counts_source;
CREATE VIEW supported_nip_counts_source AS
SELECT CAST(nip.value AS INTEGER) AS nip, count(DISTINCT latest.relay_url) AS relay_count
FROM relay_metadata_latest AS latest, json_each(latest.data, '$.data.supported_nips') AS nip
WHERE latest.metadata_type = 'nip11_info'
  AND json_type(latest.data, '$.data.supported_nips') = 'array'
  AND nip.type IN ('integer', 'text')
  AND CAST(nip.value AS TEXT) GLOB '[0-9]*' AND NOT CAST(nip.value AS TEXT) GLOB '*[^0-9]*'
GROUP BY 1;

DROP VIEW IF EXISTS event_daily_counts_source;
CREATE VIEW event_daily_counts_source AS
SELECT date(created_at / 86400 * 86400, 'unixepoch') AS day, count(*) AS event_count,
       count(DISTINCT pubkey) AS unique_pubkeys, count(DISTINCT kind) AS unique_kinds
FROM event
GROUP BY 1;

-- Ties on created_at go to the lowest id, as NIP-01 says.
DROP VIEW IF EXISTS events_replaceable_latest_source;
CREATE VIEW events_replaceable_latest_source AS
SELECT id, pubkey, created_at, kind, tags, tagvalues, content, sig
FROM (
  SELECT e.*, row_number() OVER (PARTITION BY pubkey, kind ORDER BY created_at DESC, id ASC) AS rank
  FROM event AS e
  WHERE kind IN (0, 3) OR kind BETWEEN 10000 AND 19999
)
WHERE rank = 1;

-- d_tag is the value of the first "d" tag ('' if none; always '' in lilbrotr, which keeps
-- no tags).
DROP VIEW IF EXISTS events_addressable_latest_source;
CREATE VIEW events_addressable_latest_source AS
SELECT id, pubkey, created_at, kind, tags, tagvalues, content, sig, d_tag
FROM (
  SELECT tagged.*,
         row_number() OVER (PARTITION BY pubkey, kind, d_tag ORDER BY created_at DESC, id ASC) AS rank
  FROM (
    SELECT e.*, coalesce((SELECT json_extract(t.value, '$[1]') FROM json_each(e.tags) AS t
                          WHERE json_extract(t.value, '$[0]') = 'd' ORDER BY t.key LIMIT 1), '') AS d_tag
    FROM event AS e
    WHERE kind BETWEEN 30000 AND 39999
  ) AS tagged
)
WHERE rank = 1;

-- Percentiles are nearest-rank (the value at rank ceil(p * n)), as PostgreSQL's
-- percentile_disc computes them, so both backends give the same figures.
DROP VIEW IF EXISTS relay_uptime_source;
CREATE VIEW relay_uptime_source AS
WITH now AS (SELECT CAST(strftime('%s', 'now') AS INTEGER) AS ts),
latest AS (
  SELECT s.relay_id, s.checked_at, s.status, s.reason, s.message, s.claims
  FROM relay_status AS s
  JOIN (SELECT relay_id, max(checked_at) AS checked_at FROM relay_status GROUP BY relay_id) AS m
    ON m.relay_id = s.relay_id AND m.checked_at = s.checked_at
),
windows AS (
  SELECT s.relay_id,
         sum(s.checked_at >= now.ts - 86400) AS checks_24h,
         sum(s.checked_at >= now.ts - 86400 AND s.status <> 'down') AS alive_24h,
         sum(s.checked_at >= now.ts - 604800) AS checks_7d,
         sum(s.checked_at >= now.ts - 604800 AND s.status <> 'down') AS alive_7d,
         count(*) AS checks_30d,
         sum(s.status <> 'down') AS alive_30d
  FROM relay_status AS s, now
  WHERE s.checked_at >= now.ts - 2592000
  GROUP BY s.relay_id
),
last_up AS (
  SELECT relay_id, max(checked_at) AS last_up_at FROM relay_status WHERE status <> 'down' GROUP BY relay_id
),
last_flip AS (
  SELECT l.relay_id, max(s.checked_at) AS flipped_at
  FROM latest AS l
  JOIN relay_status AS s ON s.relay_id = l.relay_id AND (s.status <> 'down') <> (l.status <> 'down')
  GROUP BY l.relay_id
),
streak AS (
  SELECT l.relay_id, min(s.checked_at) AS streak_since, count(*) AS streak_checks
  FROM latest AS l
  LEFT JOIN last_flip AS f ON f.relay_id = l.relay_id
  JOIN relay_status AS s ON s.relay_id = l.relay_id AND s.checked_at > coalesce(f.flipped_at, -1)
  GROUP BY l.relay_id
),
rtt_values AS (
  SELECT s.relay_id, 'open' AS phase, s.rtt_open AS value
  FROM relay_status AS s, now WHERE s.checked_at >= now.ts - 86400 AND s.rtt_open IS NOT NULL
  UNION ALL
  SELECT s.relay_id, 'read', s.rtt_read
  FROM relay_status AS s, now WHERE s.checked_at >= now.ts - 86400 AND s.rtt_read IS NOT NULL
  UNION ALL
  SELECT s.relay_id, 'write', s.rtt_write
  FROM relay_status AS s, now WHERE s.checked_at >= now.ts - 86400 AND s.rtt_write IS NOT NULL
),
rtt_ranked AS (
  SELECT relay_id, phase, value,
         row_number() OVER (PARTITION BY relay_id, phase ORDER BY value) AS rank,
         count(*) OVER (PARTITION BY relay_id, phase) AS n
  FROM rtt_values
),
rtt AS (
  SELECT relay_id,
         max(CASE WHEN phase = 'open' AND rank = (n + 1) / 2 THEN value END) AS rtt_open_p50,
         max(CASE WHEN phase = 'open' AND rank = (9 * n + 9) / 10 THEN value END) AS rtt_open_p90,
         max(CASE WHEN phase = 'read' AND rank = (n + 1) / 2 THEN value END) AS rtt_read_p50,
         max(CASE WHEN phase = 'read' AND rank = (9 * n + 9) / 10 THEN value END) AS rtt_read_p90,
         max(CASE WHEN phase = 'write' AND rank = (n + 1) / 2 THEN value END) AS rtt_write_p50,
         max(CASE WHEN phase = 'write' AND rank = (9 * n + 9) / 10 THEN value END) AS rtt_write_p90
  FROM rtt_ranked
  GROUP BY relay_id
)
SELECT r.url AS relay_url, r.network, l.status, l.reason, l.message, l.claims, l.checked_at,
       CASE WHEN w.checks_24h > 0 THEN round(1.0 * w.alive_24h / w.checks_24h, 4) END AS uptime_24h,
       CASE WHEN w.checks_7d > 0 THEN round(1.0 * w.alive_7d / w.checks_7d, 4) END AS uptime_7d,
       CASE WHEN w.checks_30d > 0 THEN round(1.0 * w.alive_30d / w.checks_30d, 4) END AS uptime_30d,
       coalesce(w.checks_24h, 0) AS checks_24h, coalesce(w.checks_7d, 0) AS checks_7d,
       coalesce(w.checks_30d, 0) AS checks_30d,
       u.last_up_at,
       CAST(l.status <> 'down' AS INTEGER) AS streak_alive, st.streak_since, st.streak_checks,
       rtt.rtt_open_p50, rtt.rtt_open_p90, rtt.rtt_read_p50, rtt.rtt_read_p90, rtt.rtt_write_p50,
       rtt.rtt_write_p90
FROM latest AS l
JOIN relay AS r ON r.id = l.relay_id
JOIN streak AS st ON st.relay_id = l.relay_id
LEFT JOIN windows AS w ON w.relay_id = l.relay_id
LEFT JOIN last_up AS u ON u.relay_id = l.relay_id
LEFT JOIN rtt ON rtt.relay_id = l.relay_id;

-- The relay directory (03_analytics_tables.sql). The NIP list is the document's JSON array
-- with its brackets turned into commas; JSON true reads as 1; a NIP list that is not an
-- array lists nothing. A requirement is listed when the document declares it or the latest
-- check was refused for it.
DROP VIEW IF EXISTS relay_directory_source;
CREATE VIEW relay_directory_source AS
SELECT r.url AS relay_url, r.network, r.discovered_at,
       coalesce(u.status, 'unchecked') AS status, coalesce(u.reason, '') AS reason,
       coalesce(u.message, '') AS message, u.checked_at, u.uptime_24h, u.uptime_7d, u.uptime_30d,
       coalesce(u.checks_24h, 0) AS checks_24h, coalesce(u.checks_7d, 0) AS checks_7d,
       coalesce(u.checks_30d, 0) AS checks_30d, u.last_up_at, u.streak_alive, u.streak_since,
       u.streak_checks, u.rtt_open_p50, u.rtt_open_p90, u.rtt_read_p50, u.rtt_read_p90,
       u.rtt_write_p50, u.rtt_write_p90,
       json_extract(n.data, '$.data.name') AS name,
       json_extract(n.data, '$.data.software') AS software,
       json_extract(n.data, '$.data.version') AS version,
       json_extract(g.data, '$.data.geo_country') AS country,
       CASE WHEN json_type(n.data, '$.data.supported_nips') = 'array'
            THEN replace(replace(replace(json_extract(n.data, '$.data.supported_nips'), '[', ','), ']', ','), ' ', '')
            ELSE '' END AS supported_nips,
       ',' ||
       CASE WHEN json_extract(n.data, '$.data.limitation.auth_required') = 1 OR u.reason = 'auth'
            THEN 'auth,' ELSE '' END ||
       CASE WHEN json_extract(n.data, '$.data.limitation.payment_required') = 1 OR u.reason = 'payment'
            THEN 'payment,' ELSE '' END ||
       CASE WHEN (json_type(n.data, '$.data.limitation.min_pow_difficulty') IN ('integer', 'real')
                  AND json_extract(n.data, '$.data.limitation.min_pow_difficulty') > 0)
                 OR u.reason = 'pow'
            THEN 'pow,' ELSE '' END ||
       CASE WHEN json_extract(n.data, '$.data.limitation.restricted_writes') = 1 OR u.reason = 'writes'
            THEN 'writes,' ELSE '' END AS requirements,
       coalesce(u.claims, '') AS claims
FROM relay AS r
LEFT JOIN relay_uptime AS u ON u.relay_url = r.url
LEFT JOIN relay_metadata_latest AS n ON n.relay_url = r.url AND n.metadata_type = 'nip11_info'
LEFT JOIN relay_metadata_latest AS g ON g.relay_url = r.url AND g.metadata_type = 'nip66_geo';
