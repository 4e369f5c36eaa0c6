#!/usr/bin/env bash
# Writes PgBouncer's auth_file: the roles bigbrotr logs in as (writer, reader, refresher)
# with their passwords from DB_WRITER_PASSWORD, DB_READER_PASSWORD and
# DB_REFRESHER_PASSWORD (all required; nothing is written without them).
#
#   pgbouncer-userlist.sh FILE        e.g. /etc/pgbouncer/userlist.txt, as root
#
# Plain passwords, not SCRAM secrets: PgBouncer logs into PostgreSQL with the password of
# the client's role, which it can derive from a SCRAM secret only when the secret is
# byte for byte the server's own (same salt), i.e. copied out of pg_authid. The file
# holds what the environment file already holds, so it gets the same protection: mode
# 0600. An existing file keeps its owner and group (Debian's belongs to postgres, the
# user PgBouncer runs as); it is replaced in one step, so PgBouncer never reads half of it.
set -euo pipefail
# shellcheck source=deployments/common/passwords.sh
. "$(dirname "${BASH_SOURCE[0]}")/passwords.sh"

file=${1:?usage: pgbouncer-userlist.sh FILE}
require_passwords

# mktemp creates the file with mode 0600.
temporary=$(mktemp "$(dirname "$file")/.userlist.XXXXXX")
trap 'rm -f "$temporary"' EXIT
print_passwords ' ' >"$temporary"
if [ -e "$file" ]; then
  chown --reference="$file" "$temporary"
fi
mv -f "$temporary" "$file"
trap - EXIT
echo "pgbouncer-userlist.sh: wrote $file (${roles[*]}); reload PgBouncer to use it"
