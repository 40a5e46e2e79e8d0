#!/usr/bin/env bash
# Continues training a released model in a later session (a warm restart): starts from the bundle's
# weights with --init (same classes, so the output layer is kept), on the same split, with a new
# cosine schedule at a lower peak learning rate. Checkpoints live in OUT.checkpoint/ (ignored by git);
# rerun with --resume appended if the session ended mid-run.
# Usage: bench/release-continue.sh [FROM] [OUT] [WALL_MINUTES] [extra train options...]
# The peak learning rate is 0.01 unless PEAK_LR says otherwise (v3 restarted v2 at 0.005).
set -euo pipefail
cd "$(dirname "$0")/.."
from="${1:-models/ndsb-v1}"; out="${2:-runs/release-v2}"; minutes="${3:-120}"
shift 3 2>/dev/null || shift $#
mkdir -p "$(dirname "$out")"
/usr/bin/time -v ./plankton train --data ../shared/data/ndsb/train --out "$out" --init "$from" --lr "${PEAK_LR:-0.01}" \
  --epochs 200 --time-budget "$minutes" "$@" 2>&1 | tee -a "$out.log"
