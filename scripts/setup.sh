#!/usr/bin/env bash
# Installs everything bigbrotr needs to build, test and package on Debian 12: Debian
# packages (Boost 1.81 beside, never instead of, the default 1.74), the npm test peers and
# the browser test's driver.
# Safe to run again; nothing is fetched from anywhere but Debian and npm.
set -euo pipefail
cd "$(dirname "$0")/.."

# lld: scripts/test.sh links the sanitized build with it; ccache lets it reuse objects
# compiled in another clone of the same commit.
packages=(
  build-essential cmake ninja-build pkg-config git lld ccache
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libboost-system1.81-dev
  libssl-dev openssl libsecp256k1-dev libidn-dev
  libyaml-cpp-dev libcli11-dev libfmt-dev prometheus-cpp-dev
  libsqlite3-dev libpq-dev libc-ares-dev libmaxminddb-dev postgresql-15 postgresql-client-15 pgbouncer
  libgtest-dev libgmock-dev libbenchmark-dev microsocks
  dnsmasq-base libmaxmind-db-writer-perl publicsuffix prometheus sqlite3
  # scripts/fuzz.sh: clang 16, libFuzzer and the clang sanitizer runtimes
  clang-16 libfuzzer-16-dev libclang-rt-16-dev
  # scripts/lint.sh: clang-tidy of the same LLVM release
  clang-tidy-16
  # the web page's browser test: Debian's headless chromium and a font to draw text with
  chromium fonts-dejavu-core
  # scripts/package.sh and tests/package/check_package.sh: dpkg-buildflags and
  # dpkg-shlibdeps, lintian, systemd-analyze, what the maintainer scripts call, ip netns
  dpkg-dev lintian systemd adduser init-system-helpers iproute2
  # tests/deployment/check_torrc.sh: tor checks the shipped torrc (--verify-config)
  tor
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "setup: node and npm are needed for the test peers (Node 20 is preinstalled on the build machines)" >&2
  exit 1
fi
if [ ! -d tests/peers/node_modules ] || [ tests/peers/package-lock.json -nt tests/peers/node_modules ]; then
  echo "setup: installing npm test peers"
  (cd tests/peers && npm ci --no-audit --no-fund --loglevel=error)
fi
# playwright-core drives Debian's chromium; it downloads no browser of its own.
if [ ! -d tests/browser/node_modules ] || [ tests/browser/package-lock.json -nt tests/browser/node_modules ]; then
  echo "setup: installing the browser test driver"
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "setup: done"
