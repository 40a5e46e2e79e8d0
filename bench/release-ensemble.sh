#!/usr/bin/env bash
# Issue 17, item 4: the shipped ensemble models/ndsb-v6-ensemble, v6 + the 80 px member
# (bench/member-deep80.sh), and its card.
#   1. the member as shipped: float16 weights, its own TTA temperature (calibrate --tta 8 --tta-geometric),
#      scored alone (QUICK release-eval) and, when FP32_EVAL names the float32 run's release-eval folder,
#      bootstrapped against it (what float16 storage changed);
#   2. `ensemble --link models/ndsb-v6 --no-onnx` fits the weights on the shared validation split (with its
#      held-out estimate) and stores the ensemble in the repository's budget: v6 is referenced in place,
#      pinned by checksum, not copied; no model.onnx files (the onnx engine exports the member in memory
#      when it loads it; `export-onnx` writes the one-graph file on demand);
#   3. (was: convert of a copying ensemble; `convert` now writes such a self-contained copy on demand)
#   4. conformal prediction sets and reject thresholds fitted on the blend (fit-sets);
#   5. the full release-eval, paired bootstraps against v6 in both settings, the card.
# Step 1 is skipped when OUT/member already holds it (rm -rf OUT to redo everything).
# Usage: [FP32_EVAL=DIR] bench/release-ensemble.sh MEMBER_RUN [DATA] [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
run="$1"
data="${2:-../shared/data/ndsb/train}"
work="${3:-bench/out/release-ensemble}"
model=models/ndsb-v6-ensemble
v6eval=bench/out/release-eval-ndsb-v6
out=bench/out/release-eval-ndsb-v6-ensemble
member="$work/$(basename "$run")"  # named after the run: ensemble.json records where members came from
mkdir -p "$work"
if [ ! -f "$member/manifest.json" ]; then
  cp -r "$run" "$work/member.tmp"
  ./plankton convert --weights float16 --model "$work/member.tmp" --out "$work/member.tmp"
  ./plankton calibrate --model "$work/member.tmp" --data "$data" --tta 8 --tta-geometric
  mv "$work/member.tmp" "$member"
fi
[ -f "$work/eval-member/default.json" ] || QUICK=1 bench/release-eval.sh "$member" "$data" "$work/eval-member"
if [ -n "${FP32_EVAL:-}" ]; then
  echo "member float16 vs float32: $(python3 bench/paired-bootstrap.py "$FP32_EVAL/default.predictions.csv" \
    "$work/eval-member/default.predictions.csv" 1000 | tail -1)" | tee "$work/member-fp16.txt"
fi
[ -f "$v6eval/default.predictions.csv" ] || bench/release-eval.sh models/ndsb-v6 "$data" "$v6eval"
# What ships: the member without its model.onnx (the onnx engine exports it in memory when it loads it),
# v6 linked in place rather than copied (it ships beside the ensemble anyway), no one-graph model.onnx.
./plankton convert --weights float16 --no-onnx --model "$member" --out "$member"
./plankton ensemble --models models/ndsb-v6 "$member" --link models/ndsb-v6 --no-onnx --data "$data" --out "$model" \
  | tee "$work/ensemble.log"
./plankton fit-sets --model "$model" --data "$data" --report | tee "$work/fit-sets.txt"
bench/release-eval.sh "$model" "$data" "$out"
for s in default tta8-geometric; do
  echo "ensemble $s vs v6 $s: $(python3 bench/paired-bootstrap.py "$v6eval/$s.predictions.csv" \
    "$out/$s.predictions.csv" 1000 | tail -3 | tr '\n' ' ')"
done | tee "$out/bootstrap.txt"
python3 bench/ensemble-card.py "$model" "$out" "$work" bench/release-ensemble-notes.md > "$model/MODEL_CARD.md"
