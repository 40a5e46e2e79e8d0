#!/usr/bin/env bash
# TTA gain on a model's own validation split: one `evaluate` per number of views and way of
# combining them. Usage: bench/tta-gain.sh MODEL [DATA] [N...]; extra evaluate options in $EXTRA
# (e.g. EXTRA=--no-calibration). Prints one JSON line per run.
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-runs/ndsb-baseline}"; shift || true
data="${1:-../shared/data/ndsb/train}"; shift || true
views=("$@"); [ ${#views[@]} -gt 0 ] || views=(1 4 8 16 32 70)
for n in "${views[@]}"; do
  for mean in arithmetic geometric; do
    [ "$n" = 1 ] && [ "$mean" = geometric ] && continue
    flag=""; [ "$mean" = geometric ] && flag="--tta-geometric"
    start=$(date +%s)
    json=$(./plankton evaluate --model "$model" --data "$data" --split validation --json --tta "$n" $flag ${EXTRA:-} 2>/dev/null)
    echo "{\"tta\":$n,\"mean\":\"$mean\",\"options\":\"${EXTRA:-}\",\"seconds\":$(( $(date +%s) - start )),\"result\":$json}"
  done
done
