#!/usr/bin/env bash
# Creates a deployment's PostgreSQL database, its schema, and lets bigbrotr's roles log in
# with the passwords of the environment. Run it once as a PostgreSQL superuser, and again
# after every upgrade of bigbrotr: it is idempotent (the schema is upgraded, the
# passwords are set again).
#
#   postgres-setup.sh DATABASE [FLAVOUR]
#
# DATABASE is the database of brotr.yaml's URL (bigbrotr or lilbrotr); FLAVOUR its schema
# flavour, by default the same name. Reads DB_WRITER_PASSWORD, DB_READER_PASSWORD and
# DB_REFRESHER_PASSWORD (all required; nothing is done without them), BIGBROTR (the binary,
# default: bigbrotr on PATH) and libpq's PGHOST, PGPORT, PGUSER, PGPASSWORD for the
# superuser's connection (default: the local socket, as the user running the script). As
# root on Debian: `runuser -u postgres -- postgres-setup.sh bigbrotr` (runuser keeps the
# environment).
set -euo pipefail
# shellcheck source=deployments/common/passwords.sh
. "$(dirname "${BASH_SOURCE[0]}")/passwords.sh"

usage="usage: postgres-setup.sh DATABASE [FLAVOUR]"
database=${1:?$usage}
flavour=${2:-$database}
if [[ ! $database =~ ^[a-z_][a-z0-9_]*$ ]]; then
  echo "postgres-setup.sh: '$database' is not a plain database name ([a-z_][a-z0-9_]*)" >&2
  exit 2
fi
require_passwords
bigbrotr=${BIGBROTR:-bigbrotr}
if ! command -v "$bigbrotr" >/dev/null; then
  echo "postgres-setup.sh: $bigbrotr not found (install bigbrotr or set BIGBROTR)" >&2
  exit 2
fi

sql() { psql -X -q -v ON_ERROR_STOP=1 -v database="$database" "$@"; }

# `bigbrotr init` creates the roles only when its session may (they are cluster-wide).
sql -d postgres <<'SQL'
DO $$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    RAISE EXCEPTION 'postgres-setup.sh must connect as a superuser, not as %', current_user;
  END IF;
END
$$;
SELECT format('CREATE DATABASE %I', :'database')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'database') \gexec
SQL

"$bigbrotr" init --db "dbname=$database" --flavour "$flavour"

# Only bigbrotr's roles may connect (PostgreSQL lets every role connect by default); they
# keep the right to temporary tables, which concurrent view refreshes use.
# The passwords travel as COPY data and are set by statements run inside a DO block:
# PostgreSQL logs neither (log_statement logs the statements a client sends, and those
# name no password), and an error is reported without the statement that failed.
{
  cat <<'SQL'
REVOKE CONNECT, TEMPORARY ON DATABASE :"database" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"database" TO writer, reader, refresher;
-- pg_hba.conf asks for scram-sha-256, which a password stored as md5 cannot answer.
SET password_encryption = 'scram-sha-256';
CREATE TEMPORARY TABLE login (role name, password text);
COPY login FROM STDIN WITH (FORMAT csv);
SQL
  print_passwords ,
  cat <<'SQL'
\.
DO $$
DECLARE
  v_login RECORD;
BEGIN
  FOR v_login IN SELECT role, password FROM login LOOP
    BEGIN
      EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', v_login.role, v_login.password);
    EXCEPTION WHEN OTHERS THEN
      RAISE EXCEPTION 'cannot set the password of role %: %', v_login.role, SQLERRM;
    END;
  END LOOP;
END
$$;
SQL
} | sql -d "$database"

echo "postgres-setup.sh: database $database ($flavour) ready; writer, reader and refresher log in with their passwords"
