-- Roles and grants (database.md §11). Roles are cluster-wide and created NOLOGIN only
-- when missing (a deployment gives them LOGIN and a password); a session without the
-- right to create roles skips them with a notice instead of failing the schema.
DO $$
DECLARE
  v_role TEXT;
BEGIN
  FOREACH v_role IN ARRAY ARRAY['writer', 'reader', 'refresher'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = v_role) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', v_role);
      EXCEPTION
        WHEN duplicate_object OR unique_violation THEN NULL;  -- created concurrently
        WHEN insufficient_privilege THEN RAISE NOTICE 'role % not created: %', v_role, SQLERRM;
      END;
    END IF;
  END LOOP;
END
$$;

DO $$
DECLARE
  v_role TEXT;
  v_view TEXT;
BEGIN
  FOREACH v_role IN ARRAY ARRAY['writer', 'reader', 'refresher'] LOOP
    CONTINUE WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = v_role);
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', v_role);
    EXECUTE format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO %I', v_role);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO %I', v_role);
    IF v_role = 'writer' THEN
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO writer;
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO writer;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO writer;
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO writer;
    ELSE
      EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA public TO %I', v_role);
      EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO %I', v_role);
    END IF;
  END LOOP;

  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reader') THEN
    GRANT pg_monitor TO reader;
  END IF;

  -- Only its owner may refresh a materialized view.
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'refresher') THEN
    FOR v_view IN SELECT matviewname FROM pg_matviews WHERE schemaname = 'public'
                    AND matviewowner <> 'refresher' LOOP
      EXECUTE format('ALTER MATERIALIZED VIEW %I OWNER TO refresher', v_view);
    END LOOP;
  END IF;
END
$$;
