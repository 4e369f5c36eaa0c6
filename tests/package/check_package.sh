#!/usr/bin/env bash
# Checks the Debian package that scripts/package.sh built, on Debian 12 as root; systemd
# need not run (PID 1 may be anything). In order:
#   1. lintian: no errors (warnings are printed, not fatal);
#   2. dpkg -i, then systemd-analyze verify of both units and their hardening;
#   3. the installed binary as the units would run it (their user, working directory and
#      environment, the environment file included): `bigbrotr init`, then
#      `bigbrotr run --once` over a seed list of one loopback relay (tests/peers/relay.mjs),
#      and the api through bigbrotr@api; all inside a network namespace with nothing
#      but loopback, so whatever the shipped configuration names on the internet
#      (publishing relays, relay lists, GeoLite2 downloads, DNS) is unreachable;
#   4. an upgrade to a higher version keeps an operator's edit of a conffile, the
#      environment file and the database;
#   5. dpkg -r keeps configuration and data, dpkg -P leaves nothing behind.
# The package is purged and the relay stopped on every exit. Refuses to run when bigbrotr
# is already installed. Argument: the .deb (default: the one scripts/package.sh builds).
# Needs scripts/setup.sh (lintian, sqlite3, systemd's systemd-analyze, the npm peers).
set -euo pipefail
cd "$(dirname "$0")/../.."

deb=${1:-build/package/bigbrotr_$(bash packaging/version.sh)_$(dpkg --print-architecture).deb}
units=/lib/systemd/system
etc=/etc/bigbrotr

fail() {
  echo "check_package: FAIL: $*" >&2
  exit 1
}
step() { echo "== check_package: $*"; }

[ "$(id -u)" -eq 0 ] || fail "run as root (dpkg -i, a network namespace, runuser)"
[ -f "$deb" ] || fail "no package at $deb: run scripts/package.sh first"
if dpkg-query -W -f='${db:Status-Status}' bigbrotr 2>/dev/null | grep -qv '^not-installed$'; then
  fail "bigbrotr is already installed; this check installs and purges it"
fi

work=$(mktemp -d)
chmod 0755 "$work" # the bigbrotr user reads the seed list written here
netns="bigbrotr-check-$$"
relay_pid=""
cleanup() {
  if [ -n "$relay_pid" ]; then
    kill "$relay_pid" 2>/dev/null || true
    wait "$relay_pid" 2>/dev/null || true
  fi
  ip netns delete "$netns" 2>/dev/null || true
  dpkg --purge bigbrotr >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# The value of KEY= lines in a unit file, one per line.
unit_values() { sed -n "s/^$2=//p" "$units/$1"; }

# Runs a command as systemd would run it for UNIT (instance INSTANCE of a template),
# near enough: as its User, in its WorkingDirectory, with only its Environment= and
# EnvironmentFile= variables (the files' after the lines, as systemd reads them), inside
# the loopback-only namespace, bounded in time.
in_unit() {
  local unit=$1 instance=$2
  shift 2
  local -a environment=(PATH=/usr/sbin:/usr/bin:/sbin:/bin)
  mapfile -t -O 1 environment < <(unit_values "$unit" Environment)
  local file
  while read -r file; do
    file=${file//%i/$instance}
    if [ "${file#-}" != "$file" ]; then
      file=${file#-}
      [ -e "$file" ] || continue
    fi
    mapfile -t -O "${#environment[@]}" environment < <(grep -E '^[A-Za-z_][A-Za-z0-9_]*=' "$file")
  done < <(unit_values "$unit" EnvironmentFile)
  (cd "$(unit_values "$unit" WorkingDirectory)" &&
    timeout 300 ip netns exec "$netns" runuser -u "$(unit_values "$unit" User)" -- \
      env -i "${environment[@]}" "$@")
}

# Runs UNIT's ExecStart (%i = INSTANCE) through in_unit, with extra arguments appended.
run_exec_start() {
  local unit=$1 instance=$2
  shift 2
  local command
  command=$(unit_values "$unit" ExecStart)
  # The unit's ${VARIABLE}s expand from the unit's environment, as systemd expands them.
  # shellcheck disable=SC2016 # "$@" belongs to the inner shell
  in_unit "$unit" "$instance" sh -c "exec ${command//%i/$instance} \"\$@\"" exec-start "$@"
}

# As the bigbrotr user: a root-owned -shm file would lock the services out of their database.
sql() { runuser -u bigbrotr -- sqlite3 -readonly /var/lib/bigbrotr/bigbrotr.db "$1"; }

step "lintian $deb"
lintian --fail-on error --display-level '>=warning' "$deb" || fail "lintian reported errors"

step "dpkg -i"
dpkg -i "$deb" < /dev/null
id bigbrotr > /dev/null || fail "no bigbrotr user"
[ "$(stat -c '%U:%G %a' /var/lib/bigbrotr)" = "bigbrotr:bigbrotr 750" ] || fail "/var/lib/bigbrotr: $(stat -c '%U:%G %a' /var/lib/bigbrotr)"
[ "$(stat -c '%U:%G %a' $etc/bigbrotr.env)" = "root:bigbrotr 640" ] || fail "$etc/bigbrotr.env: $(stat -c '%U:%G %a' $etc/bigbrotr.env)"
grep -Eq '^NOSTR_PRIVATE_KEY=[0-9a-f]{64}$' $etc/bigbrotr.env || fail "no generated key in $etc/bigbrotr.env"

step "systemd-analyze verify"
# verify exits 0 on unknown keys and bad values; every line it prints is a finding.
findings=$(systemd-analyze verify bigbrotr.service bigbrotr@monitor.service 2>&1) || true
[ -z "$findings" ] || fail "systemd-analyze verify: $findings"
diff <(sed -n '/^UMask=/,$p' $units/bigbrotr.service) <(sed -n '/^UMask=/,$p' $units/bigbrotr@.service) ||
  fail "the two units' hardening differs"
# systemd's exposure score of the hardening, 1.5 ("OK") today: dropping any line raises it.
for unit in bigbrotr.service bigbrotr@.service; do
  systemd-analyze security --offline=true --threshold=15 "$units/$unit" | tail -1 ||
    fail "$unit: exposure above 1.5 (systemd-analyze security --offline=true $units/$unit)"
done
# As an operator would; purging must remove these symlinks again.
systemctl enable bigbrotr.service bigbrotr@monitor.service

step "bigbrotr init and run --once as the bigbrotr user, loopback only"
ip netns add "$netns"
ip -n "$netns" link set lo up
ip netns exec "$netns" node tests/peers/relay.mjs 0 > "$work/relay.out" 2> "$work/relay.err" &
relay_pid=$!
for _ in $(seq 300); do
  grep -q '^listening ' "$work/relay.out" && break
  kill -0 "$relay_pid" 2>/dev/null || fail "the test relay exited: $(cat "$work/relay.err")"
  sleep 0.1
done
port=$(sed -n 's/^listening //p' "$work/relay.out")
[ -n "$port" ] || fail "the test relay did not start within 30 s"
relay="ws://127.0.0.1:$port"
echo "$relay" > "$work/seed_relays.txt"
chmod 0644 "$work/seed_relays.txt"

# shellcheck disable=SC2016 # $BIGBROTR_CONFIG expands in the unit's environment
in_unit bigbrotr.service "" sh -c 'exec bigbrotr init --config "$BIGBROTR_CONFIG"' | tee "$work/init.out"
grep -qx 'url sqlite:/var/lib/bigbrotr/bigbrotr.db' "$work/init.out" || fail "init used another database"
grep -qx 'schema created' "$work/init.out" || fail "init created no schema"
[ "$(stat -c %U /var/lib/bigbrotr/bigbrotr.db)" = bigbrotr ] || fail "the database is not the bigbrotr user's"

run_exec_start bigbrotr.service "" --once --allow-local --seed-file "$work/seed_relays.txt" \
  2> "$work/run.log" || fail "run --once failed: $(tail -20 "$work/run.log")"
[ "$(sql "SELECT count(*) FROM relay WHERE url = '$relay'")" = 1 ] ||
  fail "the validator did not promote $relay: $(tail -20 "$work/run.log")"
[ "$(sql "SELECT count(*) FROM relay_metadata WHERE metadata_type = 'nip11_info'")" -ge 1 ] ||
  fail "the monitor stored no NIP-11 document of $relay"
echo "run --once: $relay validated and checked"

# The api's --once opens the database and its port, then exits: the template's command line.
run_exec_start bigbrotr@.service api --once 2> "$work/api.log" || fail "bigbrotr@api: $(tail -5 "$work/api.log")"
kill "$relay_pid"
wait "$relay_pid" 2>/dev/null || true
relay_pid=""

step "upgrade to a higher version, an operator's edits kept"
monitor_yaml=$etc/bigbrotr/services/monitor.yaml
sed -i 's/^interval: 300$/interval: 600  # the operator'"'"'s edit/' $monitor_yaml
grep -q "^interval: 600  # the operator's edit" $monitor_yaml || fail "the edit of $monitor_yaml did not apply"
echo "# the operator's line" >> $etc/bigbrotr.env
version=$(dpkg-deb -f "$deb" Version)
dpkg-deb -R "$deb" "$work/upgrade"
sed -i "s/^Version: .*/Version: $version+check1/" "$work/upgrade/DEBIAN/control"
dpkg-deb --build --root-owner-group "$work/upgrade" "$work/upgrade.deb" > /dev/null
dpkg -i "$work/upgrade.deb" < /dev/null
[ "$(dpkg-query -W -f='${Version}' bigbrotr)" = "$version+check1" ] || fail "the upgrade did not install"
grep -q "^interval: 600  # the operator's edit" $monitor_yaml || fail "the upgrade replaced $monitor_yaml"
grep -qx "# the operator's line" $etc/bigbrotr.env || fail "the upgrade rewrote $etc/bigbrotr.env"
[ "$(sql "SELECT count(*) FROM relay WHERE url = '$relay'")" = 1 ] || fail "the upgrade lost the database"

step "dpkg -r keeps configuration and data"
dpkg -r bigbrotr < /dev/null
[ ! -e /usr/bin/bigbrotr ] || fail "dpkg -r left /usr/bin/bigbrotr"
[ ! -e $units/bigbrotr.service ] || fail "dpkg -r left bigbrotr.service"
for path in $monitor_yaml $etc/bigbrotr.env /var/lib/bigbrotr/bigbrotr.db; do
  [ -e "$path" ] || fail "dpkg -r removed $path"
done

step "dpkg -P leaves nothing"
dpkg -P bigbrotr < /dev/null
for path in $etc /var/lib/bigbrotr /usr/share/bigbrotr /usr/share/doc/bigbrotr \
  $units/bigbrotr.service $units/bigbrotr@.service /usr/share/man/man1/bigbrotr.1.gz; do
  [ ! -e "$path" ] || fail "dpkg -P left $path"
done
leftovers=$(find /etc/systemd/system /var/lib/systemd/deb-systemd-helper-enabled -name '*bigbrotr*')
[ -z "$leftovers" ] || fail "dpkg -P left the units' enable state: $leftovers"
! dpkg-query -W bigbrotr > /dev/null 2>&1 || fail "dpkg still knows bigbrotr: $(dpkg -l bigbrotr | tail -1)"
echo "check_package: all checks passed"
