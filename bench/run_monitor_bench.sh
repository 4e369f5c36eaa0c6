#!/usr/bin/env bash
# Builds the end-to-end monitor benchmark and the fixture relay in Release (build-bench/
# beside the sources, shared by the benchmarks, unless BUILD_DIR is set), then runs it:
# N relay URLs (default 1,000) served by one fixture relay on loopback, one monitor cycle
# with the config defaults into a fresh SQLite file, every kind 30166 published to a
# second fixture relay. Prints the cycle's seconds, relays/s, the checks stored, the 30166
# events the target received and the peak RSS of the process running the cycle.
# Extra arguments go to the binary (--relays N).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-bench}
jobs=${JOBS:-2}

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBIGBROTR_BENCH=ON -DBIGBROTR_TESTS=ON >/dev/null 2>&1
cmake --build "$build" --target monitor_bench fixture_relay -j "$jobs" >/dev/null

"$build/bench/monitor_bench" --relay-binary "$build/tests/fixtures/relay/fixture_relay" "$@"
