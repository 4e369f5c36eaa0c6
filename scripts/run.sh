#!/usr/bin/env bash
# The main job: builds an optimised bigbrotr and runs the whole pipeline in one process on
# the embedded SQLite database (data/bigbrotr.db) with the bundled seed list
# (data/seed_relays.txt): `bigbrotr init`, then `bigbrotr run`, which seeds once and then
# runs every service until Ctrl-C (SIGINT) or SIGTERM stops it cleanly (in-flight work
# finishes; a second Ctrl-C exits at once). Without internet access the services keep
# running and report the relays as unreachable.
#
# Extra arguments go to `bigbrotr run`, e.g. `bash scripts/run.sh --once` for one cycle of
# every service, or `--log-level debug`. BUILD_DIR overrides the build folder and
# BIGBROTR_DB the database (e.g. a postgresql:// URL). Run scripts/setup.sh first on a
# fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${BUILD_DIR:-build/release}
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBIGBROTR_TESTS=OFF
cmake --build "$build_dir" -j "$(nproc)" --target bigbrotr

bin="$build_dir/bigbrotr"
echo "== bigbrotr init"
"$bin" init
echo "== bigbrotr run $* (Ctrl-C to stop)"
echo "== the web page: http://127.0.0.1:8080/ (JSON API under /v1; once the log says \"serving the web page\")"
# exec: the signal from Ctrl-C or `kill` reaches bigbrotr itself, and its exit code is ours.
exec "$bin" run --seed-file data/seed_relays.txt "$@"
