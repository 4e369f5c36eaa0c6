#!/usr/bin/env bash
# The soak: `bigbrotr run` (every service in one process, SQLite) for MINUTES (default 60)
# against loopback fixture relays that keep receiving new events (tests/peers/
# soak_feeder.mjs, nostr-tools) and a fixture relay the monitor publishes to, with short
# cycle intervals. Samples the process's RSS, open file descriptors and threads every
# 10 s, then prints, after a 10-minute warm-up (a tenth of the run when shorter): the RSS
# slope in MB per 10 minutes (least squares), the peak RSS, the range of file descriptors
# and threads, and every ERROR line of the log. Targets (issue "Hardening"): slope < 1 MB
# per 10 minutes, peak RSS <= 300 MB, file descriptors flat, no ERROR line.
#
#   bash bench/run_soak.sh [minutes]        (BUILD_DIR, default build-bench/, Release)
#
# Everything listens on 127.0.0.1; nothing leaves the machine. The run is bounded by
# MINUTES; every process it started is stopped on exit.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-bench}
minutes=${1:-60}
relays=${SOAK_RELAYS:-3}
feed_interval_ms=${SOAK_FEED_INTERVAL_MS:-100}
sample_seconds=10

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBIGBROTR_TESTS=ON >/dev/null
cmake --build "$build" --target bigbrotr fixture_relay -j "${JOBS:-2}" >/dev/null
bigbrotr=$build/bigbrotr
fixture=$build/tests/fixtures/relay/fixture_relay
[ -d "$root/tests/peers/node_modules" ] || { echo "soak: run scripts/setup.sh first (npm peers)" >&2; exit 1; }

work=$(mktemp -d /tmp/bigbrotr-soak-XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

# Starts a fixture relay and sets `port` to its port (its first line of output). Not run
# in a command substitution: the relay's pid must reach `pids` for the cleanup.
start_relay() {
  local name=$1
  "$fixture" --host 127.0.0.1 --max-events 2000000 --max-limit 5000 >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 100); do
    if grep -q '^listening ' "$work/$name.log" 2>/dev/null; then
      port=$(awk '/^listening /{print $2; exit}' "$work/$name.log")
      return
    fi
    sleep 0.1
  done
  echo "soak: fixture relay $name did not start" >&2
  exit 1
}

feed_urls=()
: >"$work/seeds.txt"
for i in $(seq 1 "$relays"); do
  start_relay "relay$i"
  feed_urls+=("ws://127.0.0.1:$port")
  echo "ws://127.0.0.1:$port" >>"$work/seeds.txt"
done
start_relay publish
publish_port=$port

mkdir -p "$work/config/services"
local_network='networks:
  local: {enabled: true, timeout: 5.0}'
cat >"$work/config/services/seeder.yaml" <<EOF
interval: 60
EOF
cat >"$work/config/services/finder.yaml" <<EOF
interval: 30
api:
  enabled: false
EOF
cat >"$work/config/services/validator.yaml" <<EOF
interval: 30
$local_network
EOF
cat >"$work/config/services/monitor.yaml" <<EOF
interval: 30
$local_network
processing:
  compute: {nip66_ssl: false, nip66_geo: false, nip66_net: false, nip66_dns: false}
  store: {nip66_ssl: false, nip66_geo: false, nip66_net: false, nip66_dns: false}
geo: {city_download_url: null, asn_download_url: null}
publishing:
  relays: ["ws://127.0.0.1:$publish_port"]
discovery:
  enabled: true
  interval: 60
  include: {nip66_ssl: false, nip66_geo: false, nip66_net: false, nip66_dns: false}
announcement: {enabled: false}
profile: {enabled: false}
relay_list: {enabled: false}
EOF
cat >"$work/config/services/synchronizer.yaml" <<EOF
interval: 30
$local_network
processing:
  end_lag: 0
EOF
cat >"$work/config/services/refresher.yaml" <<EOF
interval: 60
EOF

export NOSTR_PRIVATE_KEY
# `keys generate` prints "secret_key_hex <hex>", "nsec <nsec>", then the public key.
NOSTR_PRIVATE_KEY=$("$bigbrotr" keys generate | awk '$1 == "secret_key_hex" {print $2}')
export BIGBROTR_TEST_MIN_INTERVAL=10
"$bigbrotr" init --db "sqlite:$work/soak.db" >/dev/null
"$bigbrotr" run --config "$work/config" --db "sqlite:$work/soak.db" --seed-file "$work/seeds.txt" \
  --allow-local >"$work/bigbrotr.log" 2>&1 &
service_pid=$!
pids+=("$service_pid")

node "$root/tests/peers/soak_feeder.mjs" --seconds $((minutes * 60)) --interval "$feed_interval_ms" \
  "${feed_urls[@]}" >"$work/feeder.log" 2>&1 &
feeder_pid=$!
pids+=("$feeder_pid")

echo "soak: ${minutes} min, ${relays} relays fed every ${feed_interval_ms} ms, work folder $work"
echo "seconds,rss_kb,fds,threads" >"$work/samples.csv"
# Sample times count from here, not from the script's start (the build before it).
start=$SECONDS
end=$((start + minutes * 60))
while [ "$SECONDS" -lt "$end" ]; do
  if ! kill -0 "$service_pid" 2>/dev/null; then
    echo "soak: bigbrotr exited early; last log lines:" >&2
    tail -n 20 "$work/bigbrotr.log" >&2
    exit 1
  fi
  rss=$(awk '/^VmRSS:/{print $2}' "/proc/$service_pid/status")
  threads=$(awk '/^Threads:/{print $2}' "/proc/$service_pid/status")
  fds=$(find "/proc/$service_pid/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l)
  echo "$((SECONDS - start)),$rss,$fds,$threads" >>"$work/samples.csv"
  sleep "$sample_seconds"
done
kill -TERM "$service_pid"
stop_started=$SECONDS
wait "$service_pid" && status=0 || status=$?
echo "soak: bigbrotr stopped in $((SECONDS - stop_started)) s with exit status $status"
# The feeder stops by itself 2 s after its run time, printing its counts.
wait "$feeder_pid" || true

warmup=$((minutes * 60 / 10 < 600 ? minutes * 60 / 10 : 600))
awk -F, -v warmup="$warmup" 'NR > 1 {
    if ($2 > peak) peak = $2
    if ($1 < warmup) next
    n++; sx += $1; sy += $2 / 1024; sxx += $1 * $1; sxy += $1 * $2 / 1024
    if (fmin == "" || $3 < fmin) fmin = $3; if ($3 > fmax) fmax = $3
    if (tmin == "" || $4 < tmin) tmin = $4; if ($4 > tmax) tmax = $4
  }
  END {
    if (n < 2) { print "soak: too few samples after the warm-up"; exit }
    slope = (n * sxy - sx * sy) / (n * sxx - sx * sx)
    printf "samples after a %d s warm-up: %d\n", warmup, n
    printf "RSS slope: %.2f MB per 10 minutes\n", slope * 600
    printf "peak RSS: %.1f MB\n", peak / 1024
    printf "file descriptors: %d..%d\n", fmin, fmax
    printf "threads: %d..%d\n", tmin, tmax
  }' "$work/samples.csv"
grep -h '^fed ' "$work/feeder.log" || true
stored=$(sqlite3 "$work/soak.db" "SELECT count(*) FROM event" 2>/dev/null || echo "?")
echo "events archived: $stored"
errors=$(grep -c ' ERROR ' "$work/bigbrotr.log" || true)
echo "ERROR lines in the log: $errors"
grep ' ERROR ' "$work/bigbrotr.log" | head -n 20 || true
