-- The analytics "materialized views" (database.md §8, and relay_uptime of docs/status.md).
-- SQLite has none, so each is a table of the same name and columns (URLs shown, not relay
-- ids), rebuilt in one transaction by the store's refresh from the <name>_source view of
-- 04_analytics_sources.sql.
-- Primary keys are the unique indexes of §8 and give read_rows its key order.

CREATE TABLE IF NOT EXISTS relay_metadata_latest (
  relay_url TEXT NOT NULL,
  metadata_type TEXT NOT NULL,
  generated_at INTEGER NOT NULL,
  metadata_id BLOB NOT NULL,
  data JSON TEXT NOT NULL,
  PRIMARY KEY (relay_url, metadata_type)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idx_relay_metadata_latest_metadata_type ON relay_metadata_latest (metadata_type);

CREATE TABLE IF NOT EXISTS event_stats (
  singleton_key INTEGER PRIMARY KEY,
  event_count INTEGER NOT NULL,
  unique_pubkeys INTEGER NOT NULL,
  unique_kinds INTEGER NOT NULL,
  earliest_event_timestamp INTEGER,
  latest_event_timestamp INTEGER,
  regular_event_count INTEGER NOT NULL,
  replaceable_event_count INTEGER NOT NULL,
  ephemeral_event_count INTEGER NOT NULL,
  addressable_event_count INTEGER NOT NULL,
  event_count_last_1h INTEGER NOT NULL,
  event_count_last_24h INTEGER NOT NULL,
  event_count_last_7d INTEGER NOT NULL,
  event_count_last_30d INTEGER NOT NULL,
  events_per_day REAL NOT NULL
);

CREATE TABLE IF NOT EXISTS relay_stats (
  relay_url TEXT PRIMARY KEY,
  network TEXT NOT NULL,
  discovered_at INTEGER NOT NULL,
  first_event_timestamp INTEGER,
  last_event_timestamp INTEGER,
  avg_rtt_open REAL,
  avg_rtt_read REAL,
  avg_rtt_write REAL,
  event_count INTEGER NOT NULL,
  unique_pubkeys INTEGER NOT NULL,
  unique_kinds INTEGER NOT NULL,
  nip11_name TEXT,
  nip11_software TEXT,
  nip11_version TEXT
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idx_relay_stats_network ON relay_stats (network);

CREATE TABLE IF NOT EXISTS kind_counts (
  kind INTEGER PRIMARY KEY,
  event_count INTEGER NOT NULL,
  unique_pubkeys INTEGER NOT NULL,
  category TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS kind_counts_by_relay (
  kind INTEGER NOT NULL,
  relay_url TEXT NOT NULL,
  event_count INTEGER NOT NULL,
  unique_pubkeys INTEGER NOT NULL,
  PRIMARY KEY (kind, relay_url)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idx_kind_counts_by_relay_relay_url ON kind_counts_by_relay (relay_url);

CREATE TABLE IF NOT EXISTS pubkey_counts (
  pubkey TEXT PRIMARY KEY,
  event_count INTEGER NOT NULL,
  unique_kinds INTEGER NOT NULL,
  first_event_timestamp INTEGER NOT NULL,
  last_event_timestamp INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS pubkey_counts_by_relay (
  relay_url TEXT NOT NULL,
  pubkey TEXT NOT NULL,
  event_count INTEGER NOT NULL,
  unique_kinds INTEGER NOT NULL,
  first_event_timestamp INTEGER NOT NULL,
  last_event_timestamp INTEGER NOT NULL,
  PRIMARY KEY (pubkey, relay_url)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idx_pubkey_counts_by_relay_relay_url ON pubkey_counts_by_relay (relay_url);

CREATE TABLE IF NOT EXISTS network_stats (
  network TEXT PRIMARY KEY,
  relay_count INTEGER NOT NULL,
  event_count INTEGER NOT NULL,
  unique_pubkeys INTEGER NOT NULL,
  unique_kinds INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS relay_software_counts (
  software TEXT NOT NULL,
  version TEXT NOT NULL,
  relay_count INTEGER NOT NULL,
  PRIMARY KEY (software, version)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS supported_nip_counts (
  nip INTEGER PRIMARY KEY,
  relay_count INTEGER NOT NULL
);

-- day is the UTC date as 'YYYY-MM-DD'.
CREATE TABLE IF NOT EXISTS event_daily_counts (
  day TEXT PRIMARY KEY,
  event_count INTEGER NOT NULL,
  unique_pubkeys INTEGER NOT NULL,
  unique_kinds INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS events_replaceable_latest (
  id BLOB NOT NULL,
  pubkey BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  tags JSON TEXT,
  tagvalues JSON TEXT NOT NULL,
  content TEXT,
  sig BLOB,
  PRIMARY KEY (pubkey, kind)
);
CREATE INDEX IF NOT EXISTS idx_events_replaceable_latest_kind ON events_replaceable_latest (kind);

CREATE TABLE IF NOT EXISTS events_addressable_latest (
  id BLOB NOT NULL,
  pubkey BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  tags JSON TEXT,
  tagvalues JSON TEXT NOT NULL,
  content TEXT,
  sig BLOB,
  d_tag TEXT NOT NULL,
  PRIMARY KEY (pubkey, kind, d_tag)
);
CREATE INDEX IF NOT EXISTS idx_events_addressable_latest_kind ON events_addressable_latest (kind);

-- The status model's per-relay summary (docs/status.md): latest verdict, uptime over
-- 24 h / 7 d / 30 d (share of checks up or restricted; NULL without checks), the current
-- streak of alive (up or restricted) or down checks, and round-trip percentiles over 24 h.
CREATE TABLE IF NOT EXISTS relay_uptime (
  relay_url TEXT PRIMARY KEY,
  network TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT NOT NULL,
  message TEXT NOT NULL,
  claims TEXT NOT NULL,
  checked_at INTEGER NOT NULL,
  uptime_24h REAL,
  uptime_7d REAL,
  uptime_30d REAL,
  checks_24h INTEGER NOT NULL,
  checks_7d INTEGER NOT NULL,
  checks_30d INTEGER NOT NULL,
  last_up_at INTEGER,
  streak_alive INTEGER NOT NULL,
  streak_since INTEGER NOT NULL,
  streak_checks INTEGER NOT NULL,
  rtt_open_p50 INTEGER,
  rtt_open_p90 INTEGER,
  rtt_read_p50 INTEGER,
  rtt_read_p90 INTEGER,
  rtt_write_p50 INTEGER,
  rtt_write_p90 INTEGER
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idx_relay_uptime_status ON relay_uptime (status);

-- The API's relay directory (docs/api.md): one row per relay with its latest status and
-- uptime and what its NIP-11 document and location say, precomputed so a filtered, sorted
-- page of every relay reads one narrow table. supported_nips and requirements are
-- ",1,11," style text so a filter can match ",11,".
CREATE TABLE IF NOT EXISTS relay_directory (
  relay_url TEXT PRIMARY KEY,
  network TEXT NOT NULL,
  discovered_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  reason TEXT NOT NULL,
  message TEXT NOT NULL,
  checked_at INTEGER,
  uptime_24h REAL,
  uptime_7d REAL,
  uptime_30d REAL,
  checks_24h INTEGER NOT NULL,
  checks_7d INTEGER NOT NULL,
  checks_30d INTEGER NOT NULL,
  last_up_at INTEGER,
  streak_alive INTEGER,
  streak_since INTEGER,
  streak_checks INTEGER,
  rtt_open_p50 INTEGER,
  rtt_open_p90 INTEGER,
  rtt_read_p50 INTEGER,
  rtt_read_p90 INTEGER,
  rtt_write_p50 INTEGER,
  rtt_write_p90 INTEGER,
  name TEXT,
  software TEXT,
  version TEXT,
  country TEXT,
  supported_nips TEXT NOT NULL,
  requirements TEXT NOT NULL,
  claims TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idx_relay_directory_status ON relay_directory (status);
