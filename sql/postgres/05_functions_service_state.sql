-- Per-service state (database.md §6.1).

-- Replaces whole values. Duplicate keys inside one batch collapse to the last one given.
CREATE OR REPLACE FUNCTION service_state_upsert(p_service_names TEXT[], p_state_types TEXT[],
                                                p_state_keys TEXT[], p_state_values JSONB[])
RETURNS INTEGER
LANGUAGE plpgsql
AS $$
DECLARE
  v_rows INTEGER;
BEGIN
  INSERT INTO service_state (service_name, state_type, state_key, state_value)
  SELECT DISTINCT ON (t.service_name, t.state_type, t.state_key)
         t.service_name, t.state_type, t.state_key, t.state_value
  FROM unnest(p_service_names, p_state_types, p_state_keys, p_state_values)
       WITH ORDINALITY AS t(service_name, state_type, state_key, state_value, position)
  ORDER BY t.service_name, t.state_type, t.state_key, t.position DESC
  ON CONFLICT (service_name, state_type, state_key) DO UPDATE SET state_value = EXCLUDED.state_value;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  RETURN v_rows;
END
$$;

-- One key, or (key NULL) every row of the service and type ordered by key.
CREATE OR REPLACE FUNCTION service_state_get(p_service_name TEXT, p_state_type TEXT,
                                             p_state_key TEXT DEFAULT NULL)
RETURNS TABLE (state_key TEXT, state_value JSONB)
LANGUAGE sql
STABLE
AS $$
  SELECT s.state_key, s.state_value
  FROM service_state s
  WHERE s.service_name = p_service_name
    AND s.state_type = p_state_type
    AND (p_state_key IS NULL OR s.state_key = p_state_key)
  ORDER BY s.state_key
$$;

CREATE OR REPLACE FUNCTION service_state_delete(p_service_names TEXT[], p_state_types TEXT[],
                                                p_state_keys TEXT[])
RETURNS INTEGER
LANGUAGE plpgsql
AS $$
DECLARE
  v_rows INTEGER;
BEGIN
  DELETE FROM service_state s
  USING unnest(p_service_names, p_state_types, p_state_keys) AS t(service_name, state_type, state_key)
  WHERE s.service_name = t.service_name
    AND s.state_type = t.state_type
    AND s.state_key = t.state_key;
  GET DIAGNOSTICS v_rows = ROW_COUNT;
  RETURN v_rows;
END
$$;
