-- The newest replaceable and addressable events. Ties on created_at go to the lowest id,
-- as NIP-01 asks. In lilbrotr tags, content and sig are NULL and d_tag is always ''.

CREATE MATERIALIZED VIEW IF NOT EXISTS events_replaceable_latest AS
SELECT DISTINCT ON (e.pubkey, e.kind)
       e.id, e.pubkey, e.created_at, e.kind, e.tags, e.tagvalues, e.content, e.sig
FROM event e
WHERE e.kind IN (0, 3) OR e.kind BETWEEN 10000 AND 19999
ORDER BY e.pubkey, e.kind, e.created_at DESC, e.id ASC;

CREATE UNIQUE INDEX IF NOT EXISTS events_replaceable_latest_key ON events_replaceable_latest (pubkey, kind);
CREATE INDEX IF NOT EXISTS idx_events_replaceable_latest_kind ON events_replaceable_latest (kind);

CREATE MATERIALIZED VIEW IF NOT EXISTS events_addressable_latest AS
SELECT DISTINCT ON (e.pubkey, e.kind, d.d_tag)
       e.id, e.pubkey, e.created_at, e.kind, e.tags, e.tagvalues, e.content, e.sig, d.d_tag
FROM event e
CROSS JOIN LATERAL (
  SELECT COALESCE((
    SELECT t.tag ->> 1
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(e.tags) = 'array' THEN e.tags ELSE '[]'::jsonb END)
         WITH ORDINALITY AS t(tag, position)
    WHERE jsonb_typeof(t.tag) = 'array' AND t.tag ->> 0 = 'd'
    ORDER BY t.position
    LIMIT 1), '') AS d_tag
) d
WHERE e.kind BETWEEN 30000 AND 39999
ORDER BY e.pubkey, e.kind, d.d_tag, e.created_at DESC, e.id ASC;

CREATE UNIQUE INDEX IF NOT EXISTS events_addressable_latest_key ON events_addressable_latest (pubkey, kind, d_tag);
CREATE INDEX IF NOT EXISTS idx_events_addressable_latest_kind ON events_addressable_latest (kind);
