#!/usr/bin/env bash
# Issue 17, item 2: does a member that differs from v6 (another input size, architecture or teacher) blend
# better than a second run of v6's own recipe (-0.007 without TTA, nothing with it)? Scores the new member
# (QUICK=1 bench/release-eval.sh: default settings and 8-view geometric TTA, per-image predictions), then,
# in each setting, fits the blends of v6 + the member and v6 + the member + the others from their per-image
# predictions (bench/blend-pools.py: the arithmetic pool reproduces `plankton ensemble` exactly, with a
# cross-fitted estimate, plus pairwise diversity) and bootstraps each blend against v6 in the same setting.
# No network runs beyond the member's own evaluation; to ship a blend, build it with `plankton ensemble`.
# Usage: bench/ensemble-diverse.sh OUT MEMBER [NAME=EVAL_DIR ...]
#   EVAL_DIR: a folder with default.predictions.csv and tta8-geometric.predictions.csv of another model on
#   the same validation split (from bench/release-eval.sh); v6's (bench/out/release-eval-ndsb-v6) is always used
set -euo pipefail
cd "$(dirname "$0")/.."
out="$1"; member="$2"; shift 2
data="${DATA:-../shared/data/ndsb/train}"
base=bench/out/release-eval-ndsb-v6
mkdir -p "$out"
[ -f "$base/tta8-geometric.predictions.csv" ] || bench/release-eval.sh models/ndsb-v6 "$data" "$base"
[ -f "$out/eval-member/tta8-geometric.predictions.csv" ] \
  || QUICK=1 bench/release-eval.sh "$member" "$data" "$out/eval-member" | tee "$out/eval-member.log"
for s in default tta8-geometric; do
  others=()
  for o in "$@"; do others+=("${o%%=*}=${o#*=}/$s.predictions.csv"); done
  python3 bench/blend-pools.py --out "$out/v6-member.$s.csv" v6="$base/$s.predictions.csv" \
    member="$out/eval-member/$s.predictions.csv" | tee "$out/blend-v6-member.$s.txt"
  [ ${#others[@]} -eq 0 ] || python3 bench/blend-pools.py --out "$out/v6-all.$s.csv" v6="$base/$s.predictions.csv" \
    member="$out/eval-member/$s.predictions.csv" "${others[@]}" | tee "$out/blend-v6-all.$s.txt"
  for b in "$out/eval-member/$s.predictions.csv" "$out/v6-member.$s.csv" "$out/v6-all.$s.csv"; do
    [ -f "$b" ] || continue
    echo "$(basename "$(dirname "$b")")/$(basename "$b") vs v6 $s: $(python3 bench/paired-bootstrap.py "$base/$s.predictions.csv" "$b" 1000 | tail -1)"
  done
done | tee "$out/bootstrap.txt"
