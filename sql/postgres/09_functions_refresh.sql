-- Refresh functions (database.md §8). A materialized view is refreshed CONCURRENTLY
-- (readers are never blocked) once it holds data; an unpopulated view cannot be, so the
-- first refresh is a plain one.

CREATE OR REPLACE FUNCTION materialized_view_refresh(p_view REGCLASS)
RETURNS VOID
LANGUAGE plpgsql
AS $$
BEGIN
  IF (SELECT c.relispopulated FROM pg_class c WHERE c.oid = p_view) THEN
    EXECUTE format('REFRESH MATERIALIZED VIEW CONCURRENTLY %s', p_view);
  ELSE
    EXECUTE format('REFRESH MATERIALIZED VIEW %s', p_view);
  END IF;
END
$$;

CREATE OR REPLACE FUNCTION relay_metadata_latest_refresh()
RETURNS VOID
LANGUAGE sql
AS $$
  SELECT materialized_view_refresh('relay_metadata_latest'::REGCLASS)
$$;

CREATE OR REPLACE FUNCTION event_stats_refresh()
RETURNS VOID
LANGUAGE sql
AS $$
  SELECT materialized_view_refresh('event_stats'::REGCLASS)
$$;

CREATE OR REPLACE FUNCTION relay_stats_refresh()
RETURNS VOID
LANGUAGE sql
AS $$
  SELECT materialized_view_refresh('relay_stats'::REGCLASS)
$$;

CREATE OR REPLACE FUNCTION kind_counts_refresh()
RETURNS VOID
LANGUAGE sql
AS $$
  SELECT materialized_view_refresh('kind_counts'::REGCLASS)
$$;

CREATE OR REPLACE FUNCTION kind_counts_by_relay_refresh()
RETURNS VOID
LANGUAGE sql
AS $$
  SELECT materialized_view_refresh('kind_counts_by_relay'::REGCLASS)
$$;

CREATE OR REPLACE FUNCTION pubkey_counts_refresh()
RETURNS VOID
LANGUAGE sql
AS $$
  SELECT materialized_view_refresh('pubkey_counts'::REGCLASS)
$$;

CREATE OR REPLACE FUNCTION pubkey_counts_by_relay_refresh()
RETURNS VOID
LANGUAGE sql
AS $$
  SELECT materialized_view_refresh('pubkey_counts_by_relay'::REGCLASS)
$$;

CREATE OR REPLACE FUNCTION network_stats_refresh()
RETURNS VOID
LANGUAGE sql
AS $$
  SELECT materialized_view_refresh('network_stats'::REGCLASS)
$$;

CREATE OR REPLACE FUNCTION event_daily_counts_refresh()
RETURNS VOID
LANGUAGE sql
AS $$
  SELECT materialized_view_refresh('event_daily_counts'::REGCLASS)
$$;

CREATE OR REPLACE FUNCTION events_replaceable_latest_refresh()
RETURNS VOID
LANGUAGE sql
AS $$
  SELECT materialized_view_refresh('events_replaceable_latest'::REGCLASS)
$$;

CREATE OR REPLACE FUNCTION events_addressable_latest_refresh()
RETURNS VOID
LANGUAGE sql
AS $$
  SELECT materialized_view_refresh('events_addressable_latest'::REGCLASS)
$$;

CREATE OR REPLACE FUNCTION relay_software_counts_refresh()
RETURNS VOID
LANGUAGE sql
AS $$
  SELECT materialized_view_refresh('relay_software_counts'::REGCLASS)
$$;

CREATE OR REPLACE FUNCTION supported_nip_counts_refresh()
RETURNS VOID
LANGUAGE sql
AS $$
  SELECT materialized_view_refresh('supported_nip_counts'::REGCLASS)
$$;

CREATE OR REPLACE FUNCTION relay_uptime_refresh()
RETURNS VOID
LANGUAGE sql
AS $$
  SELECT materialized_view_refresh('relay_uptime'::REGCLASS)
$$;

CREATE OR REPLACE FUNCTION relay_directory_refresh()
RETURNS VOID
LANGUAGE sql
AS $$
  SELECT materialized_view_refresh('relay_directory'::REGCLASS)
$$;

-- Every view, in dependency order: relay_metadata_latest first, the views that read it and
-- relay_uptime after it, relay_directory (which reads both) last.
CREATE OR REPLACE FUNCTION all_statistics_refresh()
RETURNS VOID
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM relay_metadata_latest_refresh();
  PERFORM event_stats_refresh();
  PERFORM relay_stats_refresh();
  PERFORM kind_counts_refresh();
  PERFORM kind_counts_by_relay_refresh();
  PERFORM pubkey_counts_refresh();
  PERFORM pubkey_counts_by_relay_refresh();
  PERFORM network_stats_refresh();
  PERFORM event_daily_counts_refresh();
  PERFORM events_replaceable_latest_refresh();
  PERFORM events_addressable_latest_refresh();
  PERFORM relay_software_counts_refresh();
  PERFORM supported_nip_counts_refresh();
  PERFORM relay_uptime_refresh();
  PERFORM relay_directory_refresh();
END
$$;
