-- lilbrotr: only what the statistics need. tags, content and sig exist (so every query
-- and view is shared with bigbrotr) but are nullable and never written.
CREATE TABLE IF NOT EXISTS event (
  id BYTEA NOT NULL,
  pubkey BYTEA NOT NULL,
  created_at BIGINT NOT NULL,
  kind INTEGER NOT NULL,
  tags JSONB,
  tagvalues TEXT[] NOT NULL,
  content TEXT,
  sig BYTEA,
  PRIMARY KEY (id)
) PARTITION BY HASH (id);

DO $$
BEGIN
  FOR v_remainder IN 0..15 LOOP
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF event FOR VALUES WITH (MODULUS 16, REMAINDER %s)',
                   'event_p' || v_remainder, v_remainder);
  END LOOP;
END
$$;
