#!/usr/bin/env bash
# Issue 17, item 2: does a member that differs from v6 (another input size, architecture or teacher) blend
# better than a second run of v6's own recipe (-0.007 without TTA, nothing with it)? For each blend of
# v6 with the given members: the fitted weights (`ensemble`, with their held-out estimate), the blend's
# figures without and with 8-view geometric TTA, and paired bootstraps against v6 in the same setting.
# The first member alone is scored too. Quick evaluations (QUICK=1 bench/release-eval.sh) throughout.
# Usage: bench/ensemble-diverse.sh OUT MEMBER [MEMBER...]
#   blends: v6 + MEMBER1, and v6 + all members when there are two or more
#   V6: the v6 bundle (default models/ndsb-v6); its figures come from bench/out/release-eval-ndsb-v6
set -euo pipefail
cd "$(dirname "$0")/.."
out="$1"; shift
members=("$@")
v6="${V6:-models/ndsb-v6}"
data="${DATA:-../shared/data/ndsb/train}"
base=bench/out/release-eval-ndsb-v6
mkdir -p "$out"
[ -f "$base/tta8-geometric.predictions.csv" ] || bench/release-eval.sh "$v6" "$data" "$base"
QUICK=1 bench/release-eval.sh "${members[0]}" "$data" "$out/eval-member" | tee "$out/eval-member.log"
blend() { # name, members...
  local name="$1"; shift
  ./plankton ensemble --models "$v6" "$@" --data "$data" --out "$out/$name" | tee "$out/$name.log"
  QUICK=1 bench/release-eval.sh "$out/$name" "$data" "$out/eval-$name" | tee "$out/eval-$name.log"
}
blend v6-m1 "${members[0]}"
[ ${#members[@]} -lt 2 ] || blend v6-all "${members[@]}"
for e in "$out"/eval-*/; do
  for s in default tta8-geometric; do
    echo "$(basename "$e") $s vs v6 $s: $(python3 bench/paired-bootstrap.py "$base/$s.predictions.csv" "$e$s.predictions.csv" 1000 | tail -3 | tr '\n' ' ')"
  done
done | tee "$out/bootstrap.txt"
