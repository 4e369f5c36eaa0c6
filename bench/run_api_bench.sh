#!/usr/bin/env bash
# Builds the API benchmark in Release (build-bench/ beside the sources, shared by the
# benchmarks, unless BUILD_DIR is set) and runs it: 10,000 relays with 3 days of checks
# every 5 minutes (8.64 M status rows) on SQLite and on a throwaway PostgreSQL cluster,
# then p50/p99 latencies of the relays list, a relay page, a history and the stats through
# the api with its default config. About 7 minutes here. Extra arguments go to the binary
# (--relays N, --days D, --requests R, --backends sqlite,postgresql).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-bench}
jobs=${JOBS:-2}

# ccache as in scripts/test.sh: a Release build of the same sources elsewhere (the package's)
# is reused.
launcher=()
if command -v ccache >/dev/null 2>&1; then
  export CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=1 CCACHE_SLOPPINESS=pch_defines,time_macros
  export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBIGBROTR_BENCH=ON -DBIGBROTR_TESTS=ON \
  "${launcher[@]}" >/dev/null 2>&1
cmake --build "$build" --target api_bench -j "$jobs" >/dev/null

"$build/bench/api_bench" "$@"
