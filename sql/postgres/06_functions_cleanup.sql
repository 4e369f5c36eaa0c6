-- Orphan clean-up (database.md §7): delete in rounds of p_batch_size until a round
-- deletes fewer rows, so no single statement holds locks on the whole table.

CREATE OR REPLACE FUNCTION orphan_metadata_delete(p_batch_size INTEGER DEFAULT 10000)
RETURNS INTEGER
LANGUAGE plpgsql
AS $$
DECLARE
  v_rows INTEGER;
  v_total INTEGER := 0;
BEGIN
  LOOP
    DELETE FROM metadata m
    USING (
      SELECT o.id, o.type
      FROM metadata o
      WHERE NOT EXISTS (
        SELECT 1 FROM relay_metadata rm WHERE rm.metadata_id = o.id AND rm.metadata_type = o.type)
      LIMIT p_batch_size
    ) orphan
    WHERE m.id = orphan.id AND m.type = orphan.type;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    v_total := v_total + v_rows;
    EXIT WHEN v_rows < p_batch_size;
  END LOOP;
  RETURN v_total;
END
$$;

-- Every event is attached to at least one relay; those left without one (their relays
-- were deleted) go.
CREATE OR REPLACE FUNCTION orphan_event_delete(p_batch_size INTEGER DEFAULT 10000)
RETURNS INTEGER
LANGUAGE plpgsql
AS $$
DECLARE
  v_rows INTEGER;
  v_total INTEGER := 0;
BEGIN
  LOOP
    DELETE FROM event e
    USING (
      SELECT o.id
      FROM event o
      WHERE NOT EXISTS (SELECT 1 FROM event_relay er WHERE er.event_id = o.id)
      LIMIT p_batch_size
    ) orphan
    WHERE e.id = orphan.id;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    v_total := v_total + v_rows;
    EXIT WHEN v_rows < p_batch_size;
  END LOOP;
  RETURN v_total;
END
$$;

