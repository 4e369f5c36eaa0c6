-- bigbrotr: the full event, hash-partitioned by id into 16 partitions (event_p0..p15).
CREATE TABLE IF NOT EXISTS event (
  id BYTEA NOT NULL,
  pubkey BYTEA NOT NULL,
  created_at BIGINT NOT NULL,
  kind INTEGER NOT NULL,
  tags JSONB COMPRESSION lz4 NOT NULL,
  tagvalues TEXT[] NOT NULL,
  content TEXT COMPRESSION lz4 NOT NULL,
  sig BYTEA NOT NULL,
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
