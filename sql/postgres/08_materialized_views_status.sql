-- The status model's per-relay summary (docs/status.md): latest verdict, uptime over
-- 24 h / 7 d / 30 d (share of checks up or restricted; NULL without checks), the current
-- streak of alive (up or restricted) or down checks, and nearest-rank round-trip
-- percentiles over 24 h (percentile_disc; the SQLite view computes the same ranks).

CREATE MATERIALIZED VIEW IF NOT EXISTS relay_uptime AS
WITH now AS (SELECT extract(epoch FROM now())::BIGINT AS ts),
latest AS (
  SELECT DISTINCT ON (s.relay_id) s.relay_id, s.checked_at, s.status, s.reason, s.message, s.claims
  FROM relay_status s
  ORDER BY s.relay_id, s.checked_at DESC
),
windows AS (
  SELECT s.relay_id,
         count(*) FILTER (WHERE s.checked_at >= now.ts - 86400) AS checks_24h,
         count(*) FILTER (WHERE s.checked_at >= now.ts - 86400 AND s.status <> 'down') AS alive_24h,
         count(*) FILTER (WHERE s.checked_at >= now.ts - 604800) AS checks_7d,
         count(*) FILTER (WHERE s.checked_at >= now.ts - 604800 AND s.status <> 'down') AS alive_7d,
         count(*) AS checks_30d,
         count(*) FILTER (WHERE s.status <> 'down') AS alive_30d,
         percentile_disc(0.5) WITHIN GROUP (ORDER BY s.rtt_open)
           FILTER (WHERE s.checked_at >= now.ts - 86400) AS rtt_open_p50,
         percentile_disc(0.9) WITHIN GROUP (ORDER BY s.rtt_open)
           FILTER (WHERE s.checked_at >= now.ts - 86400) AS rtt_open_p90,
         percentile_disc(0.5) WITHIN GROUP (ORDER BY s.rtt_read)
           FILTER (WHERE s.checked_at >= now.ts - 86400) AS rtt_read_p50,
         percentile_disc(0.9) WITHIN GROUP (ORDER BY s.rtt_read)
           FILTER (WHERE s.checked_at >= now.ts - 86400) AS rtt_read_p90,
         percentile_disc(0.5) WITHIN GROUP (ORDER BY s.rtt_write)
           FILTER (WHERE s.checked_at >= now.ts - 86400) AS rtt_write_p50,
         percentile_disc(0.9) WITHIN GROUP (ORDER BY s.rtt_write)
           FILTER (WHERE s.checked_at >= now.ts - 86400) AS rtt_write_p90
  FROM relay_status s CROSS JOIN now
  WHERE s.checked_at >= now.ts - 2592000
  GROUP BY s.relay_id
),
last_up AS (
  SELECT relay_id, max(checked_at) AS last_up_at FROM relay_status WHERE status <> 'down' GROUP BY relay_id
),
last_flip AS (
  SELECT l.relay_id, max(s.checked_at) AS flipped_at
  FROM latest l
  JOIN relay_status s ON s.relay_id = l.relay_id AND (s.status <> 'down') <> (l.status <> 'down')
  GROUP BY l.relay_id
),
streak AS (
  SELECT l.relay_id, min(s.checked_at) AS streak_since, count(*) AS streak_checks
  FROM latest l
  LEFT JOIN last_flip f ON f.relay_id = l.relay_id
  JOIN relay_status s ON s.relay_id = l.relay_id AND s.checked_at > coalesce(f.flipped_at, -1)
  GROUP BY l.relay_id
)
SELECT r.url AS relay_url, r.network, l.status, l.reason, l.message, l.claims, l.checked_at,
       CASE WHEN w.checks_24h > 0 THEN round(w.alive_24h::NUMERIC / w.checks_24h, 4)::FLOAT8 END AS uptime_24h,
       CASE WHEN w.checks_7d > 0 THEN round(w.alive_7d::NUMERIC / w.checks_7d, 4)::FLOAT8 END AS uptime_7d,
       CASE WHEN w.checks_30d > 0 THEN round(w.alive_30d::NUMERIC / w.checks_30d, 4)::FLOAT8 END AS uptime_30d,
       coalesce(w.checks_24h, 0) AS checks_24h, coalesce(w.checks_7d, 0) AS checks_7d,
       coalesce(w.checks_30d, 0) AS checks_30d,
       u.last_up_at,
       (l.status <> 'down')::INTEGER AS streak_alive, st.streak_since, st.streak_checks,
       w.rtt_open_p50, w.rtt_open_p90, w.rtt_read_p50, w.rtt_read_p90, w.rtt_write_p50, w.rtt_write_p90
FROM latest l
JOIN relay r ON r.id = l.relay_id
JOIN streak st ON st.relay_id = l.relay_id
LEFT JOIN windows w ON w.relay_id = l.relay_id
LEFT JOIN last_up u ON u.relay_id = l.relay_id;

CREATE UNIQUE INDEX IF NOT EXISTS relay_uptime_key ON relay_uptime (relay_url);
CREATE INDEX IF NOT EXISTS relay_uptime_status ON relay_uptime (status);

-- The API's relay directory (docs/api.md): one row per relay with its latest status and
-- uptime (relay_uptime) and what its NIP-11 document and location say, precomputed so a
-- filtered, sorted page of every relay reads one narrow relation instead of extracting
-- JSON from each relay's documents per request. Relays never checked are 'unchecked'.
-- supported_nips and requirements are ",1,11," style text so a filter can match ",11,":
-- the document's JSON array with its brackets turned into commas. A requirement is listed
-- when the document declares it or the latest check was refused for it.
CREATE MATERIALIZED VIEW IF NOT EXISTS relay_directory AS
SELECT r.url AS relay_url, r.network, r.discovered_at,
       coalesce(u.status, 'unchecked') AS status, coalesce(u.reason, '') AS reason,
       coalesce(u.message, '') AS message, u.checked_at, u.uptime_24h, u.uptime_7d, u.uptime_30d,
       coalesce(u.checks_24h, 0) AS checks_24h, coalesce(u.checks_7d, 0) AS checks_7d,
       coalesce(u.checks_30d, 0) AS checks_30d, u.last_up_at, u.streak_alive, u.streak_since,
       u.streak_checks, u.rtt_open_p50, u.rtt_open_p90, u.rtt_read_p50, u.rtt_read_p90,
       u.rtt_write_p50, u.rtt_write_p90,
       n.data -> 'data' ->> 'name' AS name,
       n.data -> 'data' ->> 'software' AS software,
       n.data -> 'data' ->> 'version' AS version,
       g.data -> 'data' ->> 'geo_country' AS country,
       CASE WHEN jsonb_typeof(n.data -> 'data' -> 'supported_nips') = 'array'
            THEN translate((n.data -> 'data' -> 'supported_nips')::TEXT, '[] ', ',,') ELSE '' END AS supported_nips,
       ',' ||
       CASE WHEN n.data -> 'data' -> 'limitation' ->> 'auth_required' = 'true' OR u.reason = 'auth'
            THEN 'auth,' ELSE '' END ||
       CASE WHEN n.data -> 'data' -> 'limitation' ->> 'payment_required' = 'true' OR u.reason = 'payment'
            THEN 'payment,' ELSE '' END ||
       CASE WHEN (jsonb_typeof(n.data -> 'data' -> 'limitation' -> 'min_pow_difficulty') = 'number'
                  AND (n.data -> 'data' -> 'limitation' ->> 'min_pow_difficulty')::NUMERIC > 0)
                 OR u.reason = 'pow'
            THEN 'pow,' ELSE '' END ||
       CASE WHEN n.data -> 'data' -> 'limitation' ->> 'restricted_writes' = 'true' OR u.reason = 'writes'
            THEN 'writes,' ELSE '' END AS requirements,
       coalesce(u.claims, '') AS claims
FROM relay r
LEFT JOIN relay_uptime u ON u.relay_url = r.url
LEFT JOIN relay_metadata_latest n ON n.relay_url = r.url AND n.metadata_type = 'nip11_info'
LEFT JOIN relay_metadata_latest g ON g.relay_url = r.url AND g.metadata_type = 'nip66_geo';

CREATE UNIQUE INDEX IF NOT EXISTS relay_directory_key ON relay_directory (relay_url);
CREATE INDEX IF NOT EXISTS relay_directory_status ON relay_directory (status);
