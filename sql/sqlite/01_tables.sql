-- The Brotr schema on SQLite (database.md §3, with compact relay ids as design.md §6 asks).
-- Every statement is idempotent: init runs the files in name order on every start.
-- Times are Unix seconds; ids, pubkeys, signatures and metadata hashes are raw bytes.
-- Columns holding JSON are declared "JSON TEXT": TEXT affinity keeps the text as given,
-- and the declared type tells readers (read_rows) to return a JSON value.

-- Key/value facts about the schema itself: version and flavour.
CREATE TABLE IF NOT EXISTS schema_info (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- Relays that passed validation. `id` is the compact key of the junction tables.
CREATE TABLE IF NOT EXISTS relay (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  network TEXT NOT NULL,
  discovered_at INTEGER NOT NULL
);

-- Nostr events. In the lilbrotr flavour tags, content and sig stay NULL; tagvalues (the
-- "<letter>:<value>" tag index, a JSON array in tag order) is kept in both flavours.
CREATE TABLE IF NOT EXISTS event (
  id BLOB PRIMARY KEY,
  pubkey BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  tags JSON TEXT,
  tagvalues JSON TEXT NOT NULL,
  content TEXT,
  sig BLOB
);

-- The tag index as rows, for "which events carry tag value X" lookups (PostgreSQL uses a
-- GIN index on event.tagvalues instead). Keyed value first, so that lookup needs no second
-- B-tree: each row costs one random insert, where (event_id, value) plus an index on value
-- cost two. A foreign key's cascade would need that second B-tree on event_id, so a
-- trigger removes an event's rows instead, finding them from its tagvalues.
CREATE TABLE IF NOT EXISTS event_tagvalue (
  value TEXT NOT NULL,
  event_id BLOB NOT NULL,
  PRIMARY KEY (value, event_id)
) WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS event_tagvalue_follows_event AFTER DELETE ON event
BEGIN
  DELETE FROM event_tagvalue
  WHERE value IN (SELECT j.value FROM json_each(OLD.tagvalues) AS j) AND event_id = OLD.id;
END;

-- Which relay served which event; seen_at is the first observation only.
CREATE TABLE IF NOT EXISTS event_relay (
  event_id BLOB NOT NULL REFERENCES event (id) ON DELETE CASCADE,
  relay_id INTEGER NOT NULL REFERENCES relay (id) ON DELETE CASCADE,
  seen_at INTEGER NOT NULL,
  PRIMARY KEY (event_id, relay_id)
) WITHOUT ROWID;

-- Content-addressed check documents: id = SHA-256 of the canonical JSON (type not hashed).
CREATE TABLE IF NOT EXISTS metadata (
  id BLOB NOT NULL,
  type TEXT NOT NULL,
  data JSON TEXT NOT NULL,
  PRIMARY KEY (id, type)
);

-- Time series of checks per relay: at most one document per relay, type and second.
CREATE TABLE IF NOT EXISTS relay_metadata (
  relay_id INTEGER NOT NULL REFERENCES relay (id) ON DELETE CASCADE,
  metadata_id BLOB NOT NULL,
  metadata_type TEXT NOT NULL,
  generated_at INTEGER NOT NULL,
  PRIMARY KEY (relay_id, generated_at, metadata_type),
  FOREIGN KEY (metadata_id, metadata_type) REFERENCES metadata (id, type) ON DELETE CASCADE
) WITHOUT ROWID;

-- The status of each check of a relay (docs/status.md): up, restricted or down, a short
-- reason code ('' when up; 'http_502' style for a declined upgrade) and the relay's own
-- text, with the round trips of the probe that judged it and the NIP-11 claims it
-- contradicted (comma-separated names, '' for none). Written by the monitor (every
-- check) and the validator (the probe that promoted the relay). One row per relay and
-- second: a later verdict of the same second replaces the earlier one.
CREATE TABLE IF NOT EXISTS relay_status (
  relay_id INTEGER NOT NULL REFERENCES relay (id) ON DELETE CASCADE,
  checked_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('up', 'restricted', 'down')),
  reason TEXT NOT NULL,
  message TEXT NOT NULL,
  rtt_open INTEGER,
  rtt_read INTEGER,
  rtt_write INTEGER,
  claims TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (relay_id, checked_at)
) WITHOUT ROWID;

-- Per-service key/value state: candidates, cursors, checkpoints (database.md §3.6).
CREATE TABLE IF NOT EXISTS service_state (
  service_name TEXT NOT NULL,
  state_type TEXT NOT NULL,
  state_key TEXT NOT NULL,
  state_value JSON TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (service_name, state_type, state_key)
) WITHOUT ROWID;
