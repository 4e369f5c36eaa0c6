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
