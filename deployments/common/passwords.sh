# shellcheck shell=bash
# Sourced by the scripts beside it: the PostgreSQL roles bigbrotr logs in as and the
# environment variables holding their passwords, the ones the shipped brotr.yaml names
# (database.password_env, database.roles).
roles=(writer reader refresher)
declare -A password_env=([writer]=DB_WRITER_PASSWORD [reader]=DB_READER_PASSWORD
  [refresher]=DB_REFRESHER_PASSWORD)

# Stops the calling script with exit 2 (bigbrotr's code for a missing secret) when a
# password variable is unset or empty, or holds a line break, which PgBouncer's auth_file
# cannot hold. Only variable names are ever printed.
require_passwords() {
  local role variable
  for role in "${roles[@]}"; do
    variable=${password_env[$role]}
    if [ -z "${!variable:-}" ]; then
      echo "$(basename "$0"): $variable is not set (the password of the $role role)" >&2
      exit 2
    fi
    if [[ ${!variable} == *[$'\n\r']* ]]; then
      echo "$(basename "$0"): $variable holds a line break" >&2
      exit 2
    fi
  done
}

# Prints one line per role: the role and its password, each in double quotes with every
# double quote inside doubled, joined by SEPARATOR. PgBouncer's auth_file (' ') and CSV
# (',') both quote this way. printf is a shell builtin, so no password is ever on the
# command line of a process, where ps would show it.
print_passwords() {
  local separator=$1 role variable
  for role in "${roles[@]}"; do
    variable=${password_env[$role]}
    printf '"%s"%s"%s"\n' "$role" "$separator" "${!variable//\"/\"\"}"
  done
}
