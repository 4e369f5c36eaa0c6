#!/usr/bin/env bash
# Checks the shipped torrc (deployments/common/torrc) the way Debian's tor service reads
# it, after the package's own defaults: tor must accept it, and the configuration in
# effect must be a SOCKS client on 127.0.0.1:9050 only, with no relay, no exit and no
# onion service. tor only parses here; it connects nowhere. tor comes from Debian's `tor`.
set -euo pipefail
torrc=${1:?usage: check_torrc.sh TORRC}
if ! command -v tor >/dev/null; then
  echo "tor not found: install Debian's tor package" >&2
  exit 1
fi

# The service's defaults name a user to switch to and a data directory only root may
# use, so anyone else checks the file on its own, with a data directory of their own.
if [ "$(id -u)" = 0 ]; then
  options=(--defaults-torrc /usr/share/tor/tor-service-defaults-torrc -f "$torrc")
else
  data=$(mktemp -d)
  trap 'rm -rf "$data"' EXIT
  options=(--defaults-torrc /dev/null -f "$torrc" --DataDirectory "$data")
fi
tor --verify-config "${options[@]}" >/dev/null

effective=$(tor --dump-config full "${options[@]}" 2>/dev/null)
check() {
  local got
  got=$(grep -E "^$1( |$)" <<<"$effective" || true)
  if [ "$got" != "$2" ]; then
    echo "torrc: expected '${2:-no $1}' in effect, got '${got:-no $1}'" >&2
    exit 1
  fi
}
check SocksPort "SocksPort 127.0.0.1:9050"
check ClientOnly "ClientOnly 1"
check ORPort "ORPort 0"
check ExitRelay "ExitRelay 0"
check HiddenServiceDir ""
echo "ok: $torrc is a SOCKS client on 127.0.0.1:9050 only"
