#!/usr/bin/env bash
# First NDSB baseline: default network and settings, a fixed budget of 30 CPU-minutes (process CPU
# time, all threads: about 15 wall minutes on 2 idle cores), 10% stratified validation (seed 42).
# Result: the bundle's metrics.json (validation log loss, accuracy) and the log.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data/ndsb/train}"
out="${2:-runs/ndsb-baseline}"
mkdir -p "$(dirname "$out")"
/usr/bin/time -v ./plankton train --data "$data" --out "$out" --epochs 100 --cpu-budget 30 2>&1 | tee "$out.log"
./plankton info --model "$out"
