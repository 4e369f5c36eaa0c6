-- lilbrotr: same signatures as bigbrotr, but only id, pubkey, created_at, kind and
-- tagvalues are kept; tags serve only to derive tagvalues, content and sig are discarded.

CREATE OR REPLACE FUNCTION event_insert(p_event_ids BYTEA[], p_pubkeys BYTEA[], p_created_ats BIGINT[],
                                        p_kinds INTEGER[], p_tags JSONB[], p_content_values TEXT[],
                                        p_sigs BYTEA[])
RETURNS INTEGER
LANGUAGE plpgsql
AS $$
DECLARE
  v_rows INTEGER;
BEGIN
  INSERT INTO event (id, pubkey, created_at, kind, tagvalues)
  SELECT t.id, t.pubkey, t.created_at, t.kind, tags_to_tagvalues(t.tags)
  FROM unnest(p_event_ids, p_pubkeys, p_created_ats, p_kinds, p_tags)
       AS t(id, pubkey, created_at, kind, tags)
  ON CONFLICT (id) DO NOTHING;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  RETURN v_rows;
END
$$;

CREATE OR REPLACE FUNCTION event_insert_staged()
RETURNS INTEGER
LANGUAGE plpgsql
AS $$
DECLARE
  v_rows INTEGER;
BEGIN
  INSERT INTO event (id, pubkey, created_at, kind, tagvalues)
  SELECT s.event_id, s.pubkey, s.created_at, s.kind, s.tagvalues
  FROM event_relay_stage s
  ON CONFLICT (id) DO NOTHING;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  RETURN v_rows;
END
$$;
