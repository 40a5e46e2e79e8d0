#!/usr/bin/env bash
# Fine-tuning the NDSB model to another instrument (issue 4): WHOI IFCB images, classes with at least
# 5 images, stratified 20% validation (seed 42), against training from scratch, with the same
# process-CPU budget per run (CPU, not wall time, so a busy machine does not favour one run).
# Usage: [OUT=bench/out/whoi] bench/whoi-finetune.sh [INIT_MODEL] [DATA] [CPU_MINUTES] [SEEDS...]
set -euo pipefail
cd "$(dirname "$0")/.."
init="${1:-models/ndsb-v1}"
data="${2:-../shared/data/whoi-ifcb/images}"
budget="${3:-6}"
shift 3 2>/dev/null || shift $#
seeds=("$@"); [ ${#seeds[@]} -gt 0 ] || seeds=(42)
out="${OUT:-bench/out/whoi}"; mkdir -p "$out"
common=(--data "$data" --min-images 5 --val-fraction 0.2 --batch-size 32 --epochs 200 --cpu-budget "$budget")
for seed in "${seeds[@]}"; do
  ./plankton train "${common[@]}" --seed "$seed" --out "$out/scratch-$seed" > "$out/scratch-$seed.log" 2>&1
  ./plankton train "${common[@]}" --seed "$seed" --out "$out/init-frozen-$seed" --init "$init" --freeze-epochs 5 --lr 0.005 > "$out/init-frozen-$seed.log" 2>&1
  ./plankton train "${common[@]}" --seed "$seed" --out "$out/init-$seed" --init "$init" --lr 0.005 > "$out/init-$seed.log" 2>&1
  for run in scratch init-frozen init; do
    echo "$run seed $seed: $(./plankton evaluate --model "$out/$run-$seed" --data "$data" --split validation --json 2>/dev/null \
      | python3 -c "import json,sys; d=json.load(sys.stdin); print('log loss %.3f accuracy %.3f top-5 %.3f (%d images)' % (d['log_loss'], d['accuracy'], d['top5_accuracy'], d['images']))"); $(grep -c 'val log loss' "$out/$run-$seed.log") epochs"
  done
done
