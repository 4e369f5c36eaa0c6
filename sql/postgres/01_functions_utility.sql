-- Utility functions used by the insert functions and the materialized views.

-- The searchable tag index of an event (database.md §5): "<name>:<value>" for every tag
-- whose name is one character long, in tag order. A one-letter tag without a value is
-- skipped (as the application's tag_values_index does). NULL tags give NULL; an empty
-- tag array gives '{}'.
CREATE OR REPLACE FUNCTION tags_to_tagvalues(p_tags JSONB)
RETURNS TEXT[]
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
  SELECT CASE
           WHEN p_tags IS NULL THEN NULL
           ELSE COALESCE(array_agg((t.tag ->> 0) || ':' || (t.tag ->> 1) ORDER BY t.position), '{}')
         END
  FROM jsonb_array_elements(CASE WHEN jsonb_typeof(p_tags) = 'array' THEN p_tags ELSE '[]'::jsonb END)
       WITH ORDINALITY AS t(tag, position)
  WHERE jsonb_typeof(t.tag) = 'array'
    AND length(t.tag ->> 0) = 1
    AND (t.tag ->> 1) IS NOT NULL
$$;

-- The NIP-01 class of an event kind: regular, replaceable, ephemeral, addressable or other.
CREATE OR REPLACE FUNCTION event_kind_category(p_kind INTEGER)
RETURNS TEXT
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
AS $$
  SELECT CASE
           WHEN p_kind IN (1, 2) OR p_kind BETWEEN 4 AND 44 OR p_kind BETWEEN 1000 AND 9999 THEN 'regular'
           WHEN p_kind IN (0, 3) OR p_kind BETWEEN 10000 AND 19999 THEN 'replaceable'
           WHEN p_kind BETWEEN 20000 AND 29999 THEN 'ephemeral'
           WHEN p_kind BETWEEN 30000 AND 39999 THEN 'addressable'
           ELSE 'other'
         END
$$;
