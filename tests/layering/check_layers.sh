#!/usr/bin/env bash
# Fails when a source file includes a header of a layer it may not use (design.md §2):
# models <- core, utils <- nips <- services <- app. Project headers are included as
# "<layer>/...", so the first path component names the layer.
set -euo pipefail
src=${1:?usage: check_layers.sh SRC_DIR}

allowed() {
  case $1 in
    models) echo "models" ;;
    utils) echo "utils models" ;;
    core) echo "core models" ;;
    nips) echo "nips core utils models" ;;
    services) echo "services nips core utils models" ;;
    app) echo "app services nips core utils models" ;;
    *) echo "" ;;
  esac
}

bad=0
checked=0
for layer_dir in "$src"/*/; do
  layer=$(basename "$layer_dir")
  ok_layers=$(allowed "$layer")
  if [ -z "$ok_layers" ]; then
    echo "unknown layer folder: $layer_dir"; bad=1; continue
  fi
  while IFS= read -r -d '' file; do
    checked=$((checked + 1))
    while IFS= read -r target; do
      [ -d "$src/$target" ] || continue
      case " $ok_layers " in
        *" $target "*) ;;
        *) echo "${file#"$src"/}: layer '$layer' includes '$target'"; bad=1 ;;
      esac
    done < <(sed -nE 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"([a-z_]+)\/.*/\1/p' "$file")
  done < <(find "$layer_dir" -type f \( -name '*.hpp' -o -name '*.cpp' \) -print0)
done
echo "checked $checked files"
exit $bad
