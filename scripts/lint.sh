#!/usr/bin/env bash
# Runs clang-tidy 16 with the checks of .clang-tidy (bugprone-*, performance-*,
# concurrency-*, minus the few it excludes) over every src/**/*.cpp and the src/ headers
# they include. Prints each finding once, then a count per check, and exits 1 on any
# finding (or when clang-tidy cannot parse a file); 0 when the tree is clean.
#
#   bash scripts/lint.sh [REGEX]
#
# REGEX (an extended regular expression on the path, e.g. 'src/models/') lints some files
# only. BUILD_DIR overrides build/lint; JOBS the number of clang-tidy processes (default
# nproc). Run scripts/setup.sh first on a fresh machine (it installs clang-tidy-16).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v clang-tidy-16 >/dev/null 2>&1; then
  echo "lint: clang-tidy-16 not found; run scripts/setup.sh" >&2
  exit 1
fi
build_dir=${BUILD_DIR:-build/lint}
jobs=${JOBS:-$(nproc)}
filter=${1:-.}
start=$SECONDS

# The compilation database of scripts/test.sh's configuration (g++, Debug, ASan/UBSan,
# C++20), so clang-tidy sees the flags and include paths the tests build with. Nothing is
# compiled: the only generated files are the embedded SQL sources, which no header
# includes and which are not linted.
mkdir -p "$build_dir"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBIGBROTR_SANITIZE=ON -DBIGBROTR_TESTS=OFF \
  -DBIGBROTR_WERROR=ON -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DCMAKE_EXPORT_COMPILE_COMMANDS=ON >"$build_dir/configure.log" 2>&1 ||
  {
    cat "$build_dir/configure.log" >&2
    exit 1
  }

mapfile -t files < <(find src -name '*.cpp' | grep -E -- "$filter" | sort)
if [ ${#files[@]} -eq 0 ]; then
  echo "lint: no source file under src/ matches $filter" >&2
  exit 2
fi
echo "lint: clang-tidy on ${#files[@]} files, $jobs at a time"

log=$build_dir/clang-tidy.log
status=0
if command -v run-clang-tidy-16 >/dev/null 2>&1; then
  # run-clang-tidy takes regular expressions; anchor each path so it names one file.
  patterns=()
  for file in "${files[@]}"; do patterns+=("^$PWD/$file\$"); done
  run-clang-tidy-16 -clang-tidy-binary "$(command -v clang-tidy-16)" -p "$build_dir" -j "$jobs" -quiet \
    "${patterns[@]}" >"$log" 2>&1 || status=$?
else
  # One output file per source, so that parallel runs do not interleave their lines.
  outputs=$(mktemp -d)
  # shellcheck disable=SC2016 # $1..$3 are the inner shell's arguments
  printf '%s\n' "${files[@]}" | xargs -P "$jobs" -I {} sh -c \
    'clang-tidy-16 -p "$1" --quiet "$2" >"$3/$(echo "$2" | tr / _).log" 2>&1' sh "$build_dir" {} "$outputs" ||
    status=$?
  cat "$outputs"/*.log >"$log"
  rm -r "$outputs"
fi

# A header's finding is reported by every file that includes it: print and count it once.
# WarningsAsErrors turns each into "error: ... [check,-warnings-as-errors]".
findings=$(grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error): .* \[[^]]+\]$' "$log" |
  sed -E 's/,-warnings-as-errors\]$/]/; s#^'"$PWD"'/##' | sort -u || true)
if [ -n "$findings" ]; then
  echo "$findings"
  echo
  echo "lint: findings per check"
  echo "$findings" | sed -E 's/.*\[([^]]+)\]$/\1/' | sort | uniq -c | sort -rn
fi
count=$(printf '%s' "$findings" | grep -c . || true)
elapsed=$((SECONDS - start))
if [ "$count" -gt 0 ]; then
  echo "lint: $count findings in ${elapsed}s (full output: $log)"
  exit 1
fi
if [ "$status" -ne 0 ]; then
  tail -n 40 "$log" >&2
  echo "lint: clang-tidy failed (exit $status) without a finding; full output: $log" >&2
  exit 1
fi
echo "lint: clean, ${#files[@]} files in ${elapsed}s"
