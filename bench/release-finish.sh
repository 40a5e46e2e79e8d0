#!/usr/bin/env bash
# After a release training run: refits the plain temperature (and records the training class mix
# for adjusted counts), fits the temperature for 8-view geometric TTA, then writes the model card's
# figures with bench/release-eval.sh. With PREVIOUS set to an earlier release bundle on the same
# split, also builds the two-member ensemble (PREVIOUS + MODEL, weights fitted on validation) and
# evaluates it the same way, so that "one network or an ensemble" is decided on measurements.
# Usage: [PREVIOUS=models/ndsb-v2] bench/release-finish.sh MODEL [DATA] [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
model="$1"
data="${2:-../shared/data/ndsb/train}"
out="${3:-bench/out/release-eval-$(basename "$model")}"
./plankton calibrate --model "$model" --data "$data"
./plankton calibrate --model "$model" --data "$data" --tta 8 --tta-geometric
bench/release-eval.sh "$model" "$data" "$out"
if [ -n "${PREVIOUS:-}" ]; then
  ens="$model-ensemble"
  rm -rf "$ens"
  ./plankton ensemble --models "$PREVIOUS" "$model" --data "$data" --out "$ens"
  bench/release-eval.sh "$ens" "$data" "$out-ensemble"
fi
