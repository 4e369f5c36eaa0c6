-- Extensions. btree_gin lets GIN indexes mix scalar and array columns; pg_stat_statements
-- collects query statistics but only where the server ships it, so neither is required:
-- a role without the privilege to create them, or a server without contrib, still gets
-- a working schema.
DO $$
DECLARE
  v_extension TEXT;
BEGIN
  FOREACH v_extension IN ARRAY ARRAY['btree_gin', 'pg_stat_statements'] LOOP
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = v_extension)
       AND NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = v_extension) THEN
      BEGIN
        EXECUTE format('CREATE EXTENSION IF NOT EXISTS %I', v_extension);
      EXCEPTION WHEN insufficient_privilege OR feature_not_supported OR unique_violation
                  OR duplicate_object THEN
        RAISE NOTICE 'extension % not created: %', v_extension, SQLERRM;
      END;
    END IF;
  END LOOP;
END
$$;
