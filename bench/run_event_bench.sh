#!/usr/bin/env bash
# Builds the event benchmark in Release (build-bench/ beside the sources), runs it and
# prints how close the whole per-event path (parse + id + verify) comes to libsecp256k1
# verification alone. Extra arguments go to the benchmark binary.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build-bench}

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBIGBROTR_BENCH=ON -DBIGBROTR_TESTS=OFF >/dev/null
cmake --build "$build" --target event_bench >/dev/null

json=$(mktemp)
trap 'rm -f "$json"' EXIT
"$build/bench/event_bench" --benchmark_min_time=1 --benchmark_out="$json" --benchmark_out_format=json "$@"

python3 - "$json" <<'PY'
import json, sys
rates = {b["name"]: b["items_per_second"] for b in json.load(open(sys.argv[1]))["benchmarks"]
         if "items_per_second" in b}
def show(path, raw):
    if path in rates and raw in rates:
        print(f"{path}: {rates[path]:,.0f} events/s; {raw}: {rates[raw]:,.0f} verifications/s; "
              f"ratio {rates[path] / rates[raw]:.3f}")
print()
show("BM_ParseIdVerify", "BM_RawSecp256k1Verify")
show("BM_ParseIdVerify_100Authors", "BM_RawSecp256k1Verify")
show("BM_ParseIdVerify/real_time/threads:2", "BM_RawSecp256k1Verify/real_time/threads:2")
PY
