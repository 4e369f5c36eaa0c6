#!/usr/bin/env bash
# The main job: builds an optimised bigbrotr and runs it on the bundled data.
# At this stage of the project that is: the command overview, then `event verify` over the
# bundled sample events (one verdict per line). Run scripts/setup.sh first on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${BUILD_DIR:-build/release}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBIGBROTR_TESTS=OFF
cmake --build "$build_dir" -j "$(nproc)" --target bigbrotr

bin="$build_dir/bigbrotr"
"$bin" --help
echo
echo "== bigbrotr event verify < data/sample_events.ndjson"
"$bin" event verify < data/sample_events.ndjson
