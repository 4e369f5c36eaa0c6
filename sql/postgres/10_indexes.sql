-- Indexes besides primary keys (database.md §10, with relay_id for relay_url). Indexes
-- on the partitioned parents cascade to every partition. No extra index on
-- event_relay(event_id): the primary key's leading column covers it.

CREATE INDEX IF NOT EXISTS idx_event_created_at_id ON event (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS idx_event_kind_created_at ON event (kind, created_at DESC);
CREATE INDEX IF NOT EXISTS idx_event_pubkey_created_at ON event (pubkey, created_at DESC);
CREATE INDEX IF NOT EXISTS idx_event_pubkey_kind_created_at ON event (pubkey, kind, created_at DESC);
CREATE INDEX IF NOT EXISTS idx_event_tagvalues ON event USING gin (tagvalues);

CREATE INDEX IF NOT EXISTS idx_event_relay_seen_at ON event_relay (seen_at DESC);
CREATE INDEX IF NOT EXISTS idx_event_relay_relay_id_seen_at_event_id ON event_relay (relay_id, seen_at, event_id);

CREATE INDEX IF NOT EXISTS idx_relay_network ON relay (network);

CREATE INDEX IF NOT EXISTS idx_relay_metadata_generated_at ON relay_metadata (generated_at DESC);
CREATE INDEX IF NOT EXISTS idx_relay_metadata_metadata_id_type ON relay_metadata (metadata_id, metadata_type);
CREATE INDEX IF NOT EXISTS idx_relay_metadata_relay_id_metadata_type_generated_at
  ON relay_metadata (relay_id, metadata_type, generated_at DESC);

CREATE INDEX IF NOT EXISTS idx_service_state_candidate_network ON service_state ((state_value ->> 'network'))
  WHERE service_name = 'validator' AND state_type = 'checkpoint';

-- Uptime windows read the last 30 days of every relay's status rows.
CREATE INDEX IF NOT EXISTS idx_relay_status_checked_at ON relay_status (checked_at);
