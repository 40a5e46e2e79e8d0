#!/usr/bin/env bash
# TTA gain on a model's own validation split: one evaluate per number of views.
# Usage: bench/tta-gain.sh MODEL [DATA] [N...]
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-runs/ndsb-baseline}"; shift || true
data="${1:-../shared/data/ndsb/train}"; shift || true
views=("$@"); [ ${#views[@]} -gt 0 ] || views=(1 4 8 16 32 70)
for n in "${views[@]}"; do
  for mode in "" "--tta-geometric"; do
    [ "$n" = 1 ] && [ -n "$mode" ] && continue
    start=$(date +%s)
    json=$(./plankton evaluate --model "$model" --data "$data" --split validation --json --tta "$n" $mode 2>/dev/null)
    mean=arithmetic; [ -n "$mode" ] && mean=geometric
    echo "{\"tta\":$n,\"mean\":\"$mean\",\"seconds\":$(( $(date +%s) - start )),\"result\":$json}"
  done
done
