#!/usr/bin/env bash
# Puts a release that left models/ (for the repository's 30 MB budget) back from git history, so that the
# bench scripts and docs that measured it run as written: ndsb-v1..v3 (left for ndsb-v5), ndsb-v5 (left for
# ndsb-v6). The folder is ignored by git (.gitignore); the tests take the same releases from history by
# themselves (org.plankton.core.testing.Releases, core's test-jar).
# Usage: bench/restore-release.sh NAME [NAME ...]      e.g. bench/restore-release.sh ndsb-v5
set -euo pipefail
cd "$(dirname "$0")/.."
for name in "$@"; do
  case "$name" in
    ndsb-v1|ndsb-v2|ndsb-v3) commit=c5f9aac7cfa4cc65e9f1c83e6bbc46cfd21b064c ;;
    ndsb-v5) commit=dc200de9c55ea80172ead31c6117d8cce452393c ;;
    *) echo "restore-release: no release called $name left the tree (ndsb-v1..v3 and ndsb-v5 did)" >&2; exit 2 ;;
  esac
  if [ -f "models/$name/manifest.json" ]; then echo "models/$name is already there"; continue; fi
  git cat-file -e "$commit^{commit}" 2>/dev/null \
    || { echo "restore-release: commit $commit is not in this clone (shallow?): git fetch --unshallow" >&2; exit 1; }
  rm -rf "models/$name.tmp"
  mkdir -p "models/$name.tmp"
  git archive "$commit" "models/$name" | tar -x -C "models/$name.tmp" --strip-components=2
  mv "models/$name.tmp" "models/$name"
  echo "models/$name restored from $commit ($(du -sh "models/$name" | cut -f1))"
done
