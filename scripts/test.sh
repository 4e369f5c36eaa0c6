#!/usr/bin/env bash
# Builds bigbrotr with AddressSanitizer and UndefinedBehaviorSanitizer and runs every test
# (unit and integration) with CTest. Run scripts/setup.sh first on a fresh machine.
# BUILD_DIR overrides the build folder; CTEST_ARGS adds CTest options (e.g. "-L unit").
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${BUILD_DIR:-build/test}
jobs=$(nproc)

# -g1 (line tables, no variable info) instead of -g: sanitizer reports still name the file
# and line of every frame, and the build takes less time (no tests are run under gdb).
# lld links the sanitized executables in about half the time of the default ld.bfd.
# ccache: CCACHE_BASEDIR makes paths inside the checkout relative, so a fresh clone of the
# same commit (CI) hits the objects of an earlier one. Files that use the tests'
# precompiled header are compiled without the cache (ccache cannot hash a GCC PCH use
# that CMake sets up without -fpch-preprocess); the libraries are the bulk of the build.
launcher=()
if command -v ccache >/dev/null 2>&1; then
  export CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=1 CCACHE_SLOPPINESS=pch_defines,time_macros
  export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
# Warnings are errors here (and so in CI): the tree builds clean with -Wall -Wextra -Wpedantic.
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBIGBROTR_SANITIZE=ON -DBIGBROTR_TESTS=ON -DBIGBROTR_WERROR=ON \
  -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld "${launcher[@]}"
cmake --build "$build_dir" -j "$jobs"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# shellcheck disable=SC2086
ctest --test-dir "$build_dir" --output-on-failure --timeout 300 -j "$jobs" ${CTEST_ARGS:-}
