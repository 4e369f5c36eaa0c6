#!/usr/bin/env bash
# Prints the Debian package's version: BIGBROTR_VERSION when set, else the VERSION of
# project() in CMakeLists.txt. scripts/package.sh names the package with it and
# tests/package/check_package.sh finds the package by it.
set -euo pipefail
cd "$(dirname "$0")/.."

version=${BIGBROTR_VERSION:-$(sed -n 's/^project(bigbrotr VERSION \([0-9][0-9.]*\).*/\1/p' CMakeLists.txt)}
if [ -z "$version" ]; then
  echo "version.sh: no VERSION in project() of CMakeLists.txt" >&2
  exit 1
fi
echo "$version"
