-- Views over the check documents. relay_metadata_latest comes first: relay_stats,
-- relay_software_counts and supported_nip_counts read it (refresh order, database.md §8).

CREATE MATERIALIZED VIEW IF NOT EXISTS relay_metadata_latest AS
SELECT r.url AS relay_url, l.metadata_type, l.generated_at, l.metadata_id, m.data
FROM (
  SELECT DISTINCT ON (rm.relay_id, rm.metadata_type)
         rm.relay_id, rm.metadata_type, rm.generated_at, rm.metadata_id
  FROM relay_metadata rm
  ORDER BY rm.relay_id, rm.metadata_type, rm.generated_at DESC
) l
JOIN relay r ON r.id = l.relay_id
JOIN metadata m ON m.id = l.metadata_id AND m.type = l.metadata_type;

CREATE UNIQUE INDEX IF NOT EXISTS relay_metadata_latest_key ON relay_metadata_latest (relay_url, metadata_type);
CREATE INDEX IF NOT EXISTS idx_relay_metadata_latest_metadata_type ON relay_metadata_latest (metadata_type);

CREATE MATERIALIZED VIEW IF NOT EXISTS relay_software_counts AS
SELECT l.data -> 'data' ->> 'software' AS software,
       COALESCE(l.data -> 'data' ->> 'version', 'unknown') AS version,
       count(*) AS relay_count
FROM relay_metadata_latest l
WHERE l.metadata_type = 'nip11_info'
  AND jsonb_typeof(l.data -> 'data' -> 'software') = 'string'
GROUP BY 1, 2;

CREATE UNIQUE INDEX IF NOT EXISTS relay_software_counts_key ON relay_software_counts (software, version);

CREATE MATERIALIZED VIEW IF NOT EXISTS supported_nip_counts AS
SELECT n.nip::INTEGER AS nip, count(DISTINCT l.relay_url) AS relay_count
FROM relay_metadata_latest l
CROSS JOIN LATERAL jsonb_array_elements_text(
  CASE WHEN jsonb_typeof(l.data -> 'data' -> 'supported_nips') = 'array'
       THEN l.data -> 'data' -> 'supported_nips' ELSE '[]'::jsonb END) AS n(nip)
WHERE l.metadata_type = 'nip11_info'
  AND n.nip ~ '^\d{1,9}$'
GROUP BY 1;

CREATE UNIQUE INDEX IF NOT EXISTS supported_nip_counts_key ON supported_nip_counts (nip);
