#!/usr/bin/env bash
# The model card's figures: the shipped model on its own validation split (recreated from the seed
# and fraction in its provenance), with the default inference settings (calibrated, no TTA) and
# with test-time augmentation; per-class table and confusion matrix; per-image probabilities of the
# default and the 8-view geometric setting (for bench/paired-bootstrap.py).
# Usage: [QUICK=1] bench/release-eval.sh [MODEL] [DATA] [OUTDIR]
#   QUICK=1: only the two settings the paired bootstraps use (default and 8-view geometric TTA),
#   for comparing candidates; a release card needs all four.
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-models/ndsb-v1}"
data="${2:-../shared/data/ndsb/train}"
out="${3:-bench/out/release-eval}"
mkdir -p "$out"
run() { # name, extra options...
  local name="$1"; shift
  local start; start=$(date +%s.%N)
  ./plankton evaluate --model "$model" --data "$data" --split validation --json "$@" > "$out/$name.json"
  echo "$name: $(python3 -c "import json,sys; d=json.load(open('$out/$name.json')); print('log loss %.4f  accuracy %.4f  top-5 %.4f  ECE %.4f  (%d images)' % (d['log_loss'], d['accuracy'], d['top5_accuracy'], d['expected_calibration_error'], d['images']))") in $(python3 -c "print(round($(date +%s.%N) - $start))") s"
}
run default --per-class "$out/per-class.csv" --confusion "$out/confusion.csv" --predictions "$out/default.predictions.csv"
[ "${QUICK:-0}" = 1 ] || run uncalibrated --no-calibration
run tta8-geometric --tta 8 --tta-geometric --predictions "$out/tta8-geometric.predictions.csv"
[ "${QUICK:-0}" = 1 ] || run tta8 --tta 8
