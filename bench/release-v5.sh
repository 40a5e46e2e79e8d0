#!/usr/bin/env bash
# Issue 17: from the deep64 long run to models/ndsb-v5 and its card, plus the ensemble with the
# independently trained releases (ndsb-v4 and the 30-CPU-minute candidates), all on the same
# 2,583-image validation split (seed 42, 10%).
#
#   1. the 30-CPU-minute deep VGG at 64 px (bench/arch-candidates.sh 30 deep64)
#   2. its warm restart, cosine from lr 0.02, 240 process-CPU-minutes in all, 2 threads:
#        ./plankton train --data ../shared/data/ndsb/train --out runs/deep64-long --init DEEP64_30 \
#          --cpu-budget 240 --epochs 300 --schedule cosine --lr 0.02 --size-features --dropout 0
#      (started with --cpu-budget 600, resumed with --resume --cpu-budget 270 after epoch 7 and 240 after
#      epoch 8: the schedule follows the share of the budget used; lr 0.0198, 0.0186, 0.0180 after epochs 7-9)
#   3. this script: calibrate (plain and 8-view geometric TTA), conformal sets, the card's figures,
#      the card, and the ensemble with its held-out estimate.
#
# (step 1 writes bench/out/arch-30cpu/deep64, the --init of step 2.)
#
# Usage: bench/release-v5.sh RUN_BUNDLE [DATA] [MEMBERS...]
#   RUN_BUNDLE  the long run's bundle (copied to models/ndsb-v5)
#   MEMBERS     further independent members for the ensemble (default: models/ndsb-v4)
set -euo pipefail
cd "$(dirname "$0")/.."
run="$1"
data="${2:-../shared/data/ndsb/train}"
shift $(( $# >= 2 ? 2 : 1 ))
members=("$@")
[ ${#members[@]} -gt 0 ] || members=(models/ndsb-v4)
model=models/ndsb-v5
out=bench/out/release-eval-ndsb-v5

rm -rf "$model"
mkdir -p "$model"
# The whole bundle, model.onnx included (what the ONNX engine and other tools run); its checkpoint is a
# sibling folder and stays behind.
cp "$run"/* "$model"/
./plankton calibrate --model "$model" --data "$data"
./plankton calibrate --model "$model" --data "$data" --tta 8 --tta-geometric
./plankton fit-sets --model "$model" --data "$data" --report
bench/release-eval.sh "$model" "$data" "$out"
INIT_LABEL="deep64, 30 CPU-minutes" INIT_REF=bench/out/arch-30cpu/deep64 python3 bench/model-card.py "$model" "$out" bench/release-v5-notes.md \
  > "$model/MODEL_CARD.md"

ens=bench/out/ensemble-v5
rm -rf "$ens"
./plankton ensemble --models "$model" "${members[@]}" --data "$data" --out "$ens"
bench/release-eval.sh "$ens" "$data" "$out-ensemble"
