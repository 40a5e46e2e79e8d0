#!/usr/bin/env bash
# Trains the release model models/ndsb-v1 (issue 4) exactly as shipped: the default network at 64 px,
# Nesterov SGD with a cosine schedule fitted to a 115-minute wall-clock budget, the recipe's
# augmentation, 10% stratified validation split with seed 42 (23,208 train / 2,583 validation).
# Resumable: rerun with --resume appended if it was interrupted (the checkpoint is OUT.checkpoint/).
# Usage: bench/release-train.sh [DATA] [OUT] [extra train options...]
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data/ndsb/train}"; shift || true
out="${1:-runs/release-v1}"; shift || true
mkdir -p "$(dirname "$out")"
/usr/bin/time -v ./plankton train --data "$data" --out "$out" --epochs 200 --time-budget 115 "$@" 2>&1 | tee -a "$out.log"
