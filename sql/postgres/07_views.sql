-- The junction tables keyed by relay id, shown with the relay URL.

CREATE OR REPLACE VIEW event_relay_url AS
SELECT er.event_id, r.url AS relay_url, er.seen_at
FROM event_relay er
JOIN relay r ON r.id = er.relay_id;

CREATE OR REPLACE VIEW relay_metadata_url AS
SELECT r.url AS relay_url, rm.metadata_id, rm.metadata_type, rm.generated_at
FROM relay_metadata rm
JOIN relay r ON r.id = rm.relay_id;
