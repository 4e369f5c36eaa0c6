#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang-16 under ASan/UBSan (docs/fuzzing.md)
# and runs each one for SECONDS (default 60) from its seed corpus fuzz/corpus/<target>/;
# with --replay it only runs every corpus input once. Prints each target's executions and
# final coverage (libFuzzer's cov: and ft:) and exits 1 when any target crashed, leaked,
# hit undefined behaviour or timed out; the input is kept under build/fuzz/crashes/<target>/.
# New inputs go to build/fuzz/corpus/<target>/, never into the repository's corpus.
#
#   bash scripts/fuzz.sh [--replay] [SECONDS]
#
# BUILD_DIR overrides build/fuzz; FUZZ_TARGETS="event nip11" runs some targets only.
# Run scripts/setup.sh first on a fresh machine (it installs clang-16 and libFuzzer).
set -euo pipefail
cd "$(dirname "$0")/.."

replay=false
seconds=60
for arg in "$@"; do
  case $arg in
    --replay) replay=true ;;
    '' | *[!0-9]*)
      echo "usage: scripts/fuzz.sh [--replay] [SECONDS]" >&2
      exit 2
      ;;
    *) seconds=$arg ;;
  esac
done
if ! command -v clang++-16 >/dev/null 2>&1; then
  echo "fuzz: clang++-16 not found; run scripts/setup.sh (clang-16 libfuzzer-16-dev libclang-rt-16-dev)" >&2
  exit 1
fi

build_dir=${BUILD_DIR:-build/fuzz}
jobs=$(nproc)

# -O1 and line tables only, as OSS-Fuzz builds: fast to compile, and every frame of a
# sanitizer report still names its file and line. No NDEBUG, so assertions stay armed.
# ccache as in scripts/test.sh.
launcher=()
if command -v ccache >/dev/null 2>&1; then
  export CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=1 CCACHE_SLOPPINESS=pch_defines,time_macros
  export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
mkdir -p "$build_dir"
if ! cmake -S . -B "$build_dir" -G Ninja -DCMAKE_CXX_COMPILER=clang++-16 -DBIGBROTR_FUZZ=ON -DBIGBROTR_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -gline-tables-only" \
  -DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld "${launcher[@]}" >"$build_dir/configure.log" 2>&1; then
  cat "$build_dir/configure.log" >&2
  exit 1
fi
cmake --build "$build_dir" -j "$jobs" --target fuzz_all

targets=()
if [ -n "${FUZZ_TARGETS:-}" ]; then
  read -r -a targets <<<"$FUZZ_TARGETS"
else
  for source in fuzz/*_fuzz.cpp; do
    name=${source##*/}
    targets+=("${name%_fuzz.cpp}")
  done
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
logs=$build_dir/logs
mkdir -p "$logs"

# Runs one target; its log is $logs/<target>.log, its exit status $logs/<target>.status.
run_target() {
  local target=$1
  local binary=$build_dir/fuzz/fuzz_$target
  local crashes=$build_dir/crashes/$target
  local scratch=$build_dir/corpus/$target
  mkdir -p "$crashes" "$scratch"
  local options=(-artifact_prefix="$crashes/" -timeout=10 -print_final_stats=1)
  local status=0
  if $replay; then
    "$binary" "${options[@]}" -runs=0 "fuzz/corpus/$target" >"$logs/$target.log" 2>&1 || status=$?
  else
    # The first folder receives what the run finds; the second is only read.
    "$binary" "${options[@]}" -max_total_time="$seconds" "$scratch" "fuzz/corpus/$target" \
      >"$logs/$target.log" 2>&1 || status=$?
  fi
  echo "$status" >"$logs/$target.status"
}

# One target per core at a time.
for target in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  run_target "$target" &
done
wait

failed=0
for target in "${targets[@]}"; do
  log=$logs/$target.log
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  executions=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$' || true)
  coverage=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' <<<"$last" || true)
  if [ "$(cat "$logs/$target.status")" = 0 ]; then
    printf '%-18s ok     %10s executions  %s\n' "$target" "${executions:-?}" "${coverage:-cov: ?}"
  else
    failed=1
    printf '%-18s FAILED %10s executions  %s\n' "$target" "${executions:-?}" "${coverage:-cov: ?}"
    grep -E 'ERROR: |SUMMARY: |runtime error|Test unit written to' "$log" | sed 's/^/    /' | head -n 8
    echo "    full log: $log"
  fi
done
exit "$failed"
