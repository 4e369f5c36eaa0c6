#!/usr/bin/env bash
# Fails when a citation of a Markdown document does not resolve (design.md §8): every
# "<name>.md" written in the tree must name a file of the repository, and every
# "<name>.md §N" (or "§N–M") a section whose heading starts with that number
# ("## 4. Monitor", "### 4.1 Published events").
#
# Where a cited file is looked for: a path with a folder ("docs/api.md",
# "tests/fixtures/relay/README.md") from the repository root, then from the citing file's
# folder; a bare name ("services.md") in the citing file's folder, then docs/, then the
# root. Usage: check_doc_refs.sh [REPO_ROOT]  (default: the parent of this script's folder)
set -euo pipefail
export LC_ALL=C.UTF-8
root=$(cd "${1:-$(dirname "$0")/..}" && pwd)
cd "$root"

scanned=()
for path in src tests sql fuzz bench scripts cmake docs web deployments CMakeLists.txt README.md; do
  [ -e "$path" ] && scanned+=("$path")
done

# file:line:citation, one per match; binary files (-I) and this script are skipped.
# "<name>.md", optionally followed by " §N", "§N.M" or a range "§N–M" / "§N-M".
pattern='[A-Za-z0-9_./-]*[A-Za-z0-9_-]+\.md( §[0-9]+(\.[0-9]+)*((–|-)[0-9]+(\.[0-9]+)*)?)?'
matches=$(grep -rnoIE --exclude=check_doc_refs.sh --exclude-dir=node_modules "$pattern" "${scanned[@]}" || true)

# Sets `found` to the file a citation names, or to "" (no subshells: this runs per match).
resolve() {
  local cited=$1 from_dir=$2 candidate
  found=""
  if [[ $cited == */* ]]; then
    for candidate in "$cited" "$from_dir/$cited"; do
      [ -f "$candidate" ] && { found=$candidate; return 0; }
    done
  else
    for candidate in "$from_dir/$cited" "docs/$cited" "$cited"; do
      [ -f "$candidate" ] && { found=$candidate; return 0; }
    done
  fi
  return 0
}

# The section numbers of a file's headings, each followed by a newline, read once.
declare -A headings=()
has_section() {
  local file=$1 section=$2
  if [ -z "${headings[$file]+set}" ]; then
    headings[$file]=$'\n'$(sed -nE 's/^#{1,6}[[:space:]]+([0-9]+(\.[0-9]+)*)\.?[[:space:]].*/\1/p' "$file")$'\n'
  fi
  [[ ${headings[$file]} == *$'\n'"$section"$'\n'* ]]
}

bad=0
checked=0
while IFS= read -r match; do
  [ -n "$match" ] || continue
  location=${match%%:*}
  rest=${match#*:}
  line=${rest%%:*}
  citation=${rest#*:}
  cited=${citation%% §*}
  checked=$((checked + 1))
  from_dir=.
  [[ $location == */* ]] && from_dir=${location%/*}
  resolve "$cited" "$from_dir"
  file=$found
  if [ -z "$file" ]; then
    echo "$location:$line: '$citation': no file $cited in the repository"
    bad=1
    continue
  fi
  [[ $citation == *§* ]] || continue
  range=${citation#*§}
  range=${range//–/-}
  sections=("${range%%-*}")
  [[ $range == *-* ]] && sections+=("${range#*-}")
  for section in "${sections[@]}"; do
    if ! has_section "$file" "$section"; then
      echo "$location:$line: '$citation': $file has no section $section"
      bad=1
    fi
  done
done <<<"$matches"

echo "checked $checked citations of Markdown documents"
exit $bad
