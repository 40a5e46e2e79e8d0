#!/usr/bin/env bash
# Does dropout pay at release length? Two warm restarts of the same released model, side by side
# (started together, one PyTorch thread each, so machine noise hits both alike), with the same
# budget of process CPU-minutes and the same peak learning rate: arm "keep" keeps the source's
# dropout (0.5), arm "d0" trains without dropout (`--dropout 0`). The 20-CPU-minute ablation
# favoured no dropout from scratch; this asks the same question of a network that is already
# trained for hours. Each arm is then calibrated and scored with bench/release-finish.sh.
# Usage: [PEAK_LR=0.002] bench/release-dropout.sh [FROM] [OUTDIR] [CPU_MINUTES]
# Reruns skip arms whose bundle is complete; an interrupted arm resumes from its checkpoint.
set -euo pipefail
cd "$(dirname "$0")/.."
from="${1:-models/ndsb-v3}"; out="${2:-runs/dropout-restart}"; budget="${3:-65}"
data="../shared/data/ndsb/train"; lr="${PEAK_LR:-0.002}"
mkdir -p "$out"
arm() { # name, extra options...
  local name="$1"; shift
  local model="$out/$name" resume=()
  [ -f "$model.done" ] && return 0
  [ -d "$model.checkpoint" ] && resume=(--resume)
  PLANKTON_THREADS=1 /usr/bin/time -f "cpu_seconds %U %S wall %e" -o "$model.time" \
    ./plankton train --data "$data" --out "$model" --init "$from" --lr "$lr" --epochs 200 \
    --cpu-budget "$budget" "$@" "${resume[@]}" >> "$model.log" 2>&1
  touch "$model.done"
}
arm keep & a=$!
arm d0 --dropout 0 & b=$!
wait $a; wait $b
for name in keep d0; do
  [ -f "$out/$name.eval/default.json" ] || bench/release-finish.sh "$out/$name" "$data" "$out/$name.eval"
done
for name in keep d0; do
  echo "$name: $(python3 -c "
import json
a = json.load(open('$out/$name.eval/default.json')); b = json.load(open('$out/$name.eval/tta8-geometric.json'))
print('log loss %.4f (TTA 8 geometric %.4f), accuracy %.4f (%.4f), top-5 %.4f' % (a['log_loss'], b['log_loss'], a['accuracy'], b['accuracy'], a['top5_accuracy']))")"
done
