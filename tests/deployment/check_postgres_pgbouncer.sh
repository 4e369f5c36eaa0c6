#!/usr/bin/env bash
# The shipped PostgreSQL and PgBouncer setup of one deployment (deployments/README.md),
# end to end on loopback: a throwaway PostgreSQL 15 cluster that asks for scram-sha-256 on
# TCP (deployments/common/pg_hba.conf), deployments/common/postgres-setup.sh run with test
# passwords (refused without one, then twice: it is idempotent and updates passwords),
# the auth_file from deployments/common/pgbouncer-userlist.sh, PgBouncer on the
# deployment's pgbouncer.ini (only its ports and auth_file path changed), then
# `bigbrotr run --once` through PgBouncer as the shipped brotr.yaml logs in: the refresher
# must refresh every view, which only their owner `refresher` may. A wrong writer
# password must fail with PgBouncer's authentication error.
#
#   check_postgres_pgbouncer.sh BIGBROTR_BINARY bigbrotr|lilbrotr
#
# The run uses the shipped config folder but for finder.yaml and monitor.yaml, whose
# public relay lists, GeoLite2 downloads and publishing relays would leave the machine.
# Servers run as the postgres user when root (initdb and PgBouncer refuse root). Every
# wait is bounded; everything started is stopped on exit.
set -euo pipefail
usage="usage: check_postgres_pgbouncer.sh BIGBROTR_BINARY bigbrotr|lilbrotr"
bigbrotr=$(realpath "${1:?$usage}")
deployment=${2:?$usage}
repository=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
shipped=$repository/deployments
if [ ! -f "$shipped/$deployment/pgbouncer/pgbouncer.ini" ]; then
  echo "$usage" >&2
  exit 2
fi
pg_bin=/usr/lib/postgresql/15/bin

work=$(mktemp -d /tmp/bigbrotr-deployment-XXXXXX)
as_server=()
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$work"
  as_server=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi
bouncer_pid=
cleanup() {
  if [ -n "$bouncer_pid" ]; then
    kill "$bouncer_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$bouncer_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$bouncer_pid" 2>/dev/null || true
  fi
  if [ -e "$work/data/postmaster.pid" ]; then
    timeout 30 "${as_server[@]}" "$pg_bin/pg_ctl" -D "$work/data" -m immediate -w -t 20 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAIL ($deployment): $1" >&2
  for log in "${@:2}"; do
    echo "--- tail of $log" >&2
    tail -n 40 "$log" >&2 || true
  done
  exit 1
}

# A loopback TCP port nothing listens on (a connection to it is refused at once), below
# the kernel's ephemeral range so no outgoing connection takes it meanwhile.
free_port() {
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 12000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  fail "no free loopback port"
}

# Waits up to 15 s for a listener on a loopback port.
wait_listening() {
  for _ in $(seq 150); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

# Test passwords with the characters that need quoting in CSV, SQL and the auth_file.
writer_password="wr'it\"er \\pass,\$1"
reader_password="re\"ad,er 'pass"
refresher_password="re,fre'sh\"er\\"

# --- PostgreSQL: the superuser on the local socket (in the temp folder) without a
# password, every TCP login by the shipped pg_hba.conf line. log_statement=all and
# log_connections show below which statements and logins arrived.
timeout 120 "${as_server[@]}" "$pg_bin/initdb" -D "$work/data" -U postgres -A trust -E UTF8 --locale=C \
  --no-sync >"$work/initdb.log" 2>&1 || fail "initdb" "$work/initdb.log"
{
  echo "local all postgres trust"
  grep -v '^#' "$shipped/common/pg_hba.conf"
} >"$work/data/pg_hba.conf"
pg_port=$(free_port)
options="-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$work"
options+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c autovacuum=off -c jit=off"
options+=" -c log_statement=all -c log_connections=on"
timeout 90 "${as_server[@]}" "$pg_bin/pg_ctl" -D "$work/data" -l "$work/postgres.log" -o "$options" -w -t 60 \
  start >"$work/pg_ctl.log" 2>&1 || fail "PostgreSQL did not start" "$work/pg_ctl.log" "$work/postgres.log"

export PGHOST=$work PGPORT=$pg_port PGUSER=postgres PGCONNECT_TIMEOUT=10 BIGBROTR=$bigbrotr
setup() { timeout 300 "$shipped/common/postgres-setup.sh" "$deployment" >>"$work/setup.log" 2>&1; }
database_count() {
  timeout 30 psql -X -At -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = '$deployment'"
}

# --- The setup refuses to run without every password, and then does nothing.
status=0
DB_WRITER_PASSWORD=w DB_READER_PASSWORD=r setup || status=$?
[ "$status" = 2 ] || fail "setup without DB_REFRESHER_PASSWORD exited $status, not 2" "$work/setup.log"
grep -q "DB_REFRESHER_PASSWORD is not set" "$work/setup.log" || fail "no message naming the variable" "$work/setup.log"
[ "$(database_count)" = 0 ] || fail "setup without a password created the database"

# --- Twice: first other passwords, then the test's, which must replace them.
DB_WRITER_PASSWORD=first-w DB_READER_PASSWORD=first-r DB_REFRESHER_PASSWORD=first-f setup ||
  fail "first setup" "$work/setup.log" "$work/postgres.log"
export DB_WRITER_PASSWORD=$writer_password DB_READER_PASSWORD=$reader_password
export DB_REFRESHER_PASSWORD=$refresher_password
setup || fail "second setup" "$work/setup.log" "$work/postgres.log"
[ "$(database_count)" = 1 ] || fail "the database $deployment does not exist"
grep -q "unchanged" "$work/setup.log" || fail "the second bigbrotr init did not find the schema unchanged" "$work/setup.log"

# --- PgBouncer: the auth_file replaces Debian's (owned by postgres, which it keeps), and
# the shipped ini with only the listen port, the server's port and auth_file changed.
touch "$work/userlist.txt"
[ ${#as_server[@]} = 0 ] || chown postgres:postgres "$work/userlist.txt"
owner=$(stat -c %U "$work/userlist.txt")
timeout 30 "$shipped/common/pgbouncer-userlist.sh" "$work/userlist.txt" >"$work/userlist.log" 2>&1 ||
  fail "pgbouncer-userlist.sh" "$work/userlist.log"
[ "$(stat -c '%a %U' "$work/userlist.txt")" = "600 $owner" ] || fail "userlist.txt is not mode 600, owner $owner"

bouncer_port=$(free_port)
sed -e "s|^listen_port = .*|listen_port = $bouncer_port|" \
  -e "s|^\($deployment = host=127.0.0.1 port=\)5432 |\1$pg_port |" \
  -e "s|^auth_file = .*|auth_file = $work/userlist.txt|" \
  "$shipped/$deployment/pgbouncer/pgbouncer.ini" >"$work/pgbouncer.ini"
changed=$(diff "$shipped/$deployment/pgbouncer/pgbouncer.ini" "$work/pgbouncer.ini" | grep -c '^>' || true)
[ "$changed" = 3 ] || fail "expected to change 3 lines of pgbouncer.ini, changed $changed"
"${as_server[@]}" /usr/sbin/pgbouncer "$work/pgbouncer.ini" >"$work/pgbouncer.log" 2>&1 &
bouncer_pid=$!
wait_listening "$bouncer_port" || fail "PgBouncer did not listen" "$work/pgbouncer.log"

# --- The api's role logs in through PgBouncer and reads.
PGPASSWORD=$reader_password timeout 30 psql -X -At -h 127.0.0.1 -p "$bouncer_port" -U reader -d "$deployment" \
  -c "SELECT count(*) FROM relay" >"$work/reader.log" 2>&1 || fail "reader login" "$work/reader.log" "$work/pgbouncer.log"

# --- bigbrotr run --once through PgBouncer, as an operator runs it (DB_HOST, DB_PORT).
cp -r "$shipped/$deployment/config" "$work/config"
echo "api: {enabled: false}" >"$work/config/services/finder.yaml"
cat >"$work/config/services/monitor.yaml" <<'YAML'
geo: {city_download_url: null, asn_download_url: null}
discovery: {enabled: false}
announcement: {enabled: false}
profile: {enabled: false}
relay_list: {enabled: false}
YAML
echo "ws://127.0.0.1:$(free_port)" >"$work/seeds.txt"
NOSTR_PRIVATE_KEY=$("$bigbrotr" keys generate | sed -n 's/^secret_key_hex //p')
export NOSTR_PRIVATE_KEY DB_HOST=127.0.0.1 DB_PORT=$bouncer_port
mkdir "$work/run"
run_once() {
  (cd "$work/run" && timeout 300 "$bigbrotr" run --once --config "$work/config" --allow-local \
    --seed-file "$work/seeds.txt" >"$1" 2>&1)
}
run_once "$work/run.log" || fail "bigbrotr run --once exited $?" "$work/run.log" "$work/pgbouncer.log"
grep -q "refresh done views=15 refreshed=15 failed=0" "$work/run.log" ||
  fail "the refresher did not refresh every view" "$work/run.log"
for role in writer refresher; do
  grep -q "connection authorized: user=$role database=$deployment" "$work/postgres.log" ||
    fail "PgBouncer did not log into PostgreSQL as $role" "$work/postgres.log"
done

# --- postgres_exporter's custom queries, as the exporter runs them: as `reader`, over
# the views this run refreshed. Each query is one double-quoted line of the file.
queries=$shipped/prometheus/postgres_exporter_queries.yaml
count=0
while IFS= read -r query; do
  count=$((count + 1))
  PGPASSWORD=$reader_password timeout 30 psql -X -At -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$bouncer_port" \
    -U reader -d "$deployment" -c "$query" >"$work/exporter_query.log" 2>&1 ||
    fail "postgres_exporter query $count failed: $query" "$work/exporter_query.log"
done < <(sed -n 's/^  query: "\(.*\)"$/\1/p' "$queries")
[ "$count" -ge 4 ] || fail "read $count postgres_exporter queries from $queries, expected at least 4"

# --- A wrong writer password: PgBouncer's SCRAM exchange fails, and bigbrotr says so.
status=0
DB_WRITER_PASSWORD=wrong run_once "$work/wrong.log" || status=$?
[ "$status" = 1 ] || fail "a wrong DB_WRITER_PASSWORD exited $status, not 1" "$work/wrong.log"
grep -q "database error: .*writer@127.0.0.1:$bouncer_port/$deployment.*SASL authentication failed" "$work/wrong.log" ||
  fail "no authentication error for a wrong DB_WRITER_PASSWORD" "$work/wrong.log"

# --- No password in any output or log, the server's included. The first setup's
# passwords need no quoting, so they would show however a leak quoted them.
for password in first-w first-r first-f "$writer_password" "$reader_password" "$refresher_password"; do
  for log in setup userlist run wrong postgres pgbouncer; do
    if grep -qF -- "$password" "$work/$log.log"; then fail "a password appears in $log.log"; fi
  done
done

echo "ok: $deployment set up with postgres-setup.sh, served by its pgbouncer.ini, one bigbrotr run --once through it"
