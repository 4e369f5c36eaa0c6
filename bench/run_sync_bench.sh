#!/usr/bin/env bash
# Builds the end-to-end synchronizer benchmark and the fixture relay in Release (build-bench/
# beside the sources, shared by the benchmarks, unless BUILD_DIR is set), then runs it:
# N signed events (default 200,000, distinct authors) served by the fixture relay on
# loopback, one synchronizer cycle into SQLite and one into PostgreSQL (a throwaway
# cluster). Prints events/s, the ratio to raw libsecp256k1 verifications/s on all cores
# measured in the same run, and the peak RSS of the process running the cycle.
# Extra arguments go to the binary (--events N, --backends sqlite,postgresql).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-bench}
jobs=${JOBS:-2}

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBIGBROTR_BENCH=ON -DBIGBROTR_TESTS=ON >/dev/null 2>&1
cmake --build "$build" --target sync_bench fixture_relay -j "$jobs" >/dev/null

"$build/bench/sync_bench" --relay-binary "$build/tests/fixtures/relay/fixture_relay" "$@"
