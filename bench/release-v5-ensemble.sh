#!/usr/bin/env bash
# Issue 17, item 2: the ensemble of two independent long-trained members of v5's recipe, and what
# it buys over v5 alone. Member 2 (train seed 7, from scratch) is trained first:
#   ./plankton train --data ../shared/data/ndsb/train --out runs/member-deep64-s7 --arch deep --image-size 64 \
#     --size-features --dropout 0 --schedule onecycle --lr 0.05 --train-seed 7 --epochs 300 --cpu-budget 270 [--resume]
# Then this script: the member's own figures, the fitted blends (v5 + member; v5 + member + v4), their
# figures with and without test-time augmentation, and paired bootstraps against v5.
# Usage: [V5=DIR] bench/release-v5-ensemble.sh MEMBER [DATA] [OUT]
#   V5: the v5 bundle (default models/ndsb-v5; it left the tree with v6: `git checkout 0da568d -- models/ndsb-v5`)
set -euo pipefail
cd "$(dirname "$0")/.."
member="$1"
v5="${V5:-models/ndsb-v5}"
data="${2:-../shared/data/ndsb/train}"
out="${3:-bench/out/ensemble-v5-s7}"
mkdir -p "$out"
[ -f bench/out/release-eval-ndsb-v5/default.predictions.csv ] || bench/release-eval.sh "$v5" "$data" bench/out/release-eval-ndsb-v5
bench/release-eval.sh "$member" "$data" "$out/eval-member"
./plankton ensemble --models "$v5" "$member" --data "$data" --out "$out/v5-member" | tee "$out/v5-member.log"
bench/release-eval.sh "$out/v5-member" "$data" "$out/eval-v5-member"
./plankton ensemble --models "$v5" "$member" models/ndsb-v4 --data "$data" --out "$out/v5-member-v4" | tee "$out/v5-member-v4.log"
bench/release-eval.sh "$out/v5-member-v4" "$data" "$out/eval-v5-member-v4"
for e in eval-member eval-v5-member eval-v5-member-v4; do
  for s in default tta8-geometric; do
    echo "$e $s vs v5 $s: $(python3 bench/paired-bootstrap.py bench/out/release-eval-ndsb-v5/$s.predictions.csv "$out/$e/$s.predictions.csv" 1000 | tail -3 | tr '\n' ' ')"
  done
done | tee "$out/bootstrap.txt"
