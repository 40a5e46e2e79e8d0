#!/usr/bin/env bash
# Issue 17, item 2: an ensemble member of v6's recipe (deep VGG, size features, no dropout, one-cycle peak
# 0.05) at another input size and seed, from scratch, over a process-CPU budget (2 threads, bf16).
# Resumable: pass --resume; the checkpoint carries the CPU used, so the schedule is the one an
# uninterrupted run follows. bench/member-deep80.sh and bench/member-deep96.sh name the members trained.
# Usage: bench/member-deep.sh SIZE TRAIN_SEED CPU_MINUTES OUT [--resume]
set -euo pipefail
cd "$(dirname "$0")/.."
size="$1"; seed="$2"; budget="$3"; out="$4"; shift 4
./plankton train --data ../shared/data/ndsb/train --out "$out" \
  --arch deep --image-size "$size" --size-features --dropout 0 --schedule onecycle --lr 0.05 --train-seed "$seed" \
  --epochs 300 --cpu-budget "$budget" "$@"
