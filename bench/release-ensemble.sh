#!/usr/bin/env bash
# Issue 17, item 4: the shipped ensemble models/ndsb-v6-ensemble, v6 + the members named (each an
# independent run at another input size: bench/member-deep80.sh, bench/member-deep96.sh), and its card.
#   1. each member as shipped: float16 weights, its own TTA temperature (calibrate --tta 8 --tta-geometric),
#      scored alone (QUICK release-eval into WORK/eval-NAME) and, when WORK/eval-fp32-NAME holds the float32
#      run's release-eval, bootstrapped against it (what float16 storage changed: WORK/member-fp16.NAME.txt);
#   2. `ensemble --link models/ndsb-v6 --no-onnx` fits the weights on the shared validation split (with its
#      held-out estimate) and stores the ensemble in the repository's budget: v6 is referenced in place,
#      pinned by checksum, not copied; no model.onnx files (the onnx engine exports a member in memory
#      when it loads it; `export-onnx` writes the one-graph file on demand);
#   3. conformal prediction sets and reject thresholds fitted on the blend (fit-sets);
#   4. the full release-eval, paired bootstraps against v6 in both settings, the card.
# A member's step 1 is skipped when WORK/NAME already holds it (rm -rf WORK to redo everything).
# Usage: [DATA=DIR] [WORK=DIR] bench/release-ensemble.sh MEMBER_RUN [MEMBER_RUN ...]
set -euo pipefail
cd "$(dirname "$0")/.."
data="${DATA:-../shared/data/ndsb/train}"
work="${WORK:-bench/out/release-ensemble}"
model=models/ndsb-v6-ensemble
v6eval=bench/out/release-eval-ndsb-v6
out=bench/out/release-eval-ndsb-v6-ensemble
mkdir -p "$work"
members=()
for run in "$@"; do
  name="$(basename "$run")"
  member="$work/$name"  # named after the run: ensemble.json records where members came from
  if [ ! -f "$member/manifest.json" ]; then
    rm -rf "$work/member.tmp"
    cp -r "$run" "$work/member.tmp"
    ./plankton convert --weights float16 --model "$work/member.tmp" --out "$work/member.tmp"
    ./plankton calibrate --model "$work/member.tmp" --data "$data" --tta 8 --tta-geometric
    mv "$work/member.tmp" "$member"
  fi
  [ -f "$work/eval-$name/default.json" ] || QUICK=1 bench/release-eval.sh "$member" "$data" "$work/eval-$name"
  if [ -f "$work/eval-fp32-$name/default.predictions.csv" ]; then
    echo "$name float16 vs float32: $(python3 bench/paired-bootstrap.py "$work/eval-fp32-$name/default.predictions.csv" \
      "$work/eval-$name/default.predictions.csv" 1000 | tail -1)" | tee "$work/member-fp16.$name.txt"
  fi
  # What ships: the member without its model.onnx (the onnx engine exports it in memory when it loads it).
  ./plankton convert --weights float16 --no-onnx --model "$member" --out "$member"
  members+=("$member")
done
[ -f "$v6eval/default.predictions.csv" ] || bench/release-eval.sh models/ndsb-v6 "$data" "$v6eval"
# v6 linked in place rather than copied (it ships beside the ensemble anyway), no one-graph model.onnx.
./plankton ensemble --models models/ndsb-v6 "${members[@]}" --link models/ndsb-v6 --no-onnx --data "$data" \
  --out "$model" | tee "$work/ensemble.log"
./plankton fit-sets --model "$model" --data "$data" --report | tee "$work/fit-sets.txt"
bench/release-eval.sh "$model" "$data" "$out"
for s in default tta8-geometric; do
  echo "ensemble $s vs v6 $s: $(python3 bench/paired-bootstrap.py "$v6eval/$s.predictions.csv" \
    "$out/$s.predictions.csv" 1000 | tail -3 | tr '\n' ' ')"
done | tee "$out/bootstrap.txt"
python3 bench/ensemble-card.py "$model" "$out" "$work" bench/release-ensemble-notes.md > "$model/MODEL_CARD.md"
