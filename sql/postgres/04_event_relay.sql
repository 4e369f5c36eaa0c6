-- Which relay served which event, hash-partitioned on event_id like event so joins can
-- be partition-wise. Inserts never update, so seen_at is the first observation. The
-- partitions are the busiest tables: vacuum and analyze them early.
CREATE TABLE IF NOT EXISTS event_relay (
  event_id BYTEA NOT NULL REFERENCES event (id) ON DELETE CASCADE,
  relay_id INTEGER NOT NULL REFERENCES relay (id) ON DELETE CASCADE,
  seen_at BIGINT NOT NULL,
  PRIMARY KEY (event_id, relay_id)
) PARTITION BY HASH (event_id);

DO $$
BEGIN
  FOR v_remainder IN 0..15 LOOP
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF event_relay '
                   'FOR VALUES WITH (MODULUS 16, REMAINDER %s) '
                   'WITH (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 10000, '
                   'autovacuum_analyze_scale_factor = 0.01)',
                   'event_relay_p' || v_remainder, v_remainder);
  END LOOP;
END
$$;
