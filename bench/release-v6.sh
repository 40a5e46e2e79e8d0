#!/usr/bin/env bash
# Issue 17: from the second independent long run to models/ndsb-v6 and its card.
#
#   1. the run (deep VGG at 64 px from scratch, train seed 7, one-cycle over 270 process-CPU-minutes, 2 threads):
#        ./plankton train --data ../shared/data/ndsb/train --out runs/member-deep64-s7 --arch deep --image-size 64 \
#          --size-features --dropout 0 --schedule onecycle --lr 0.05 --train-seed 7 --epochs 300 --cpu-budget 270
#      (stopped after epoch 16 at the end of a session and resumed with --resume: the checkpoint carries the
#      budget used, so the schedule is the one an uninterrupted run follows)
#   2. this script: the float32 bundle's figures, float16 storage (convert), the TTA temperature and conformal
#      sets on the stored weights, the card's figures and the card.
#
# Usage: bench/release-v6.sh RUN_BUNDLE [DATA]
set -euo pipefail
cd "$(dirname "$0")/.."
run="$1"
data="${2:-../shared/data/ndsb/train}"
model=models/ndsb-v6
out=bench/out/release-eval-ndsb-v6

rm -rf "$model"
mkdir -p "$model"
cp "$run"/* "$model"/
bench/release-eval.sh "$model" "$data" "$out-fp32"          # as trained (train calibrates at its end)
./plankton convert --weights float16 --model "$model" --out "$model"
./plankton calibrate --model "$model" --data "$data" --tta 8 --tta-geometric
./plankton fit-sets --model "$model" --data "$data" --report
bench/release-eval.sh "$model" "$data" "$out"
python3 bench/paired-bootstrap.py "$out-fp32/default.predictions.csv" "$out/default.predictions.csv" 1000 | tail -1
TRAIN_OPTIONS="--arch deep --image-size 64 --size-features --dropout 0 --schedule onecycle --lr 0.05 --train-seed 7 --epochs 300" \
  FP32_EVAL="$out-fp32" python3 bench/model-card.py "$model" "$out" bench/release-v6-notes.md > "$model/MODEL_CARD.md"
