#!/usr/bin/env bash
# Checks every PromQL expression of the shipped Grafana dashboards (deployments/grafana):
# it parses (promtool, Debian's `prometheus` package, on a rules file of the expressions)
# and it names only series bigbrotr exports. Those names come from a real /metrics: a
# refresher on an empty SQLite database exports every family (service_info, service_gauge,
# service_counter_total, cycle_duration_seconds, http_connections_dropped_total) after its
# first cycle, so nothing is listed by hand but the exporter series of exporter_series.txt.
# Loopback only; every wait is bounded.
set -euo pipefail
bigbrotr=${1:?usage: check_dashboards.sh BIGBROTR [SOURCE_DIR]}
here=$(cd "$(dirname "$0")" && pwd)
src=${2:-$here/../..}

if ! command -v promtool >/dev/null; then
  echo "promtool not found: install Debian's prometheus package (scripts/setup.sh)" >&2
  exit 1
fi

tmp=$(mktemp -d)
pid=
cleanup() {
  if [[ -n $pid ]]; then
    # SIGTERM lets the cycle in flight finish; give it 10 s, then SIGKILL.
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# A port the kernel just handed out; a clash with another test fails loudly below.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$tmp/config/services"
cat >"$tmp/config/services/refresher.yaml" <<YAML
interval: 60
metrics:
  enabled: true
  host: 127.0.0.1
  port: $port
YAML

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
"$bigbrotr" init --db "sqlite:$tmp/bigbrotr.db" >"$tmp/init.log" 2>&1
"$bigbrotr" refresher --config "$tmp/config" --db "sqlite:$tmp/bigbrotr.db" >"$tmp/refresher.log" 2>&1 &
pid=$!

# The histogram appears with the first successful cycle; then every family is there.
for _ in $(seq 150); do
  if curl -sf --max-time 2 "http://127.0.0.1:$port/metrics" >"$tmp/metrics" 2>/dev/null &&
    grep -q '^cycle_duration_seconds_count' "$tmp/metrics"; then
    break
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "refresher exited early:" >&2
    cat "$tmp/refresher.log" >&2
    exit 1
  fi
  sleep 0.2
done
if ! grep -q '^cycle_duration_seconds_count' "$tmp/metrics" 2>/dev/null; then
  echo "no complete /metrics from the refresher within 30 s:" >&2
  cat "$tmp/refresher.log" >&2
  exit 1
fi
grep -v '^#' "$tmp/metrics" | sed -E 's/[{ ].*//' | sort -u >"$tmp/exported"

# Both checks run, so one run reports unknown names and parse errors alike.
status=0
cd "$src"
python3 "$here/check_exprs.py" "$tmp/rules.yml" "$tmp/exported" "$here/exporter_series.txt" \
  docs/operations.md deployments/grafana/dashboards/*.json || status=1
promtool check rules "$tmp/rules.yml" || status=1
test "$status" -eq 0
