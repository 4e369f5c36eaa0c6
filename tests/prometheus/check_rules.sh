#!/usr/bin/env bash
# Checks the shipped Prometheus files (deployments/prometheus): the scrape config with the
# rule file it loads, the rules on their own, then the unit tests of every alert
# (alerts_test.yml). promtool comes from Debian's `prometheus` package (scripts/setup.sh).
set -euo pipefail
dir=${1:?usage: check_rules.sh DEPLOYMENTS_PROMETHEUS_DIR}

if ! command -v promtool >/dev/null; then
  echo "promtool not found: install Debian's prometheus package (scripts/setup.sh)" >&2
  exit 1
fi

cd "$dir"
promtool check config prometheus.yml
promtool check rules alerts.yml
promtool test rules alerts_test.yml
