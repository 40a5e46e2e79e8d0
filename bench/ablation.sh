#!/usr/bin/env bash
# Recipe ablations (issue 3): one training run per row, every row with the same budget of process
# CPU-minutes (default 20; CPU rather than wall time so that a busy shared machine does not favour
# a row), on the same 10% validation split (seed 42). Each row is then evaluated on its validation
# split without and with TTA (8 views, geometric mean). Rows that exist already are skipped, so the
# script can be stopped and rerun. Summary table: bench/ablation-table.py.
# Usage: bench/ablation.sh [CPU_MINUTES] [ROW...]   (rows: see the case below; default all)
set -euo pipefail
cd "$(dirname "$0")/.."
budget="${1:-20}"; shift || true
data="${DATA:-../shared/data/ndsb/train}"
out="bench/out/ablation-${budget}cpu"; mkdir -p "$out"
rows=("$@"); [ ${#rows[@]} -gt 0 ] || rows=(baseline no-bn orthogonal maxout relu no-dropout adamw onecycle mixup residual size-features fixed-scale no-augment size48 cyclic63 roll63 plain63 baseline-s2 no-dropout-s2 dropout25 no-dropout-size)
flags() {
  case "$1" in
    baseline)   echo "" ;;                                   # default net, 64 px, BN, xavier, leaky 1/3, dropout 0.5, Nesterov cosine
    no-bn)      echo "--no-batch-norm --lr 0.005" ;;         # the 2015 recipe had no batch norm (and needed a lower rate)
    orthogonal) echo "--weight-init orthogonal" ;;
    maxout)     echo "--maxout 2" ;;
    relu)       echo "--leaky-slope 0" ;;
    no-dropout) echo "--dropout 0" ;;
    adamw)      echo "--optimizer adamw --lr 0.002 --weight-decay 0.05" ;;
    onecycle)   echo "--schedule onecycle --lr 0.05" ;;
    mixup)      echo "--mixup 0.2" ;;
    size-features) echo "--size-features" ;;
    residual)   echo "--residual" ;;
    fixed-scale) echo "--fixed-scale 0.5" ;;
    no-augment) echo "--no-augment" ;;
    size48)     echo "--image-size 48" ;;
    plain63)    echo "--image-size 63" ;;                    # the reference for the rotation rows
    cyclic63)   echo "--image-size 63 --rotations 4" ;;
    roll63)     echo "--image-size 63 --rotations 4 --roll" ;;
    # follow-ups: seed noise (same split, another initialisation/order/augmentation) and combinations
    baseline-s2)   echo "--train-seed 2" ;;
    no-dropout-s2) echo "--dropout 0 --train-seed 2" ;;
    dropout25)     echo "--dropout 0.25" ;;
    no-dropout-size) echo "--dropout 0 --size-features" ;;
    *) echo "unknown row $1" >&2; exit 2 ;;
  esac
}
for row in "${rows[@]}"; do
  f=$(flags "$row")
  model="$out/$row"
  if [ ! -f "$model/manifest.json" ]; then
    echo "== $row: train --cpu-budget $budget $f"
    /usr/bin/time -f "cpu_seconds %U %S wall %e" -o "$model.time" \
      ./plankton train --data "$data" --out "$model" --epochs 200 --cpu-budget "$budget" $f > "$model.log" 2>&1
    ./plankton evaluate --model "$model" --data "$data" --split validation --json > "$model.eval.json" 2>/dev/null
    ./plankton evaluate --model "$model" --data "$data" --split validation --json --tta 8 --tta-geometric > "$model.tta8g.json" 2>/dev/null
  fi
  echo "$row: $(python3 -c "import json; a=json.load(open('$model.eval.json')); b=json.load(open('$model.tta8g.json')); print('log loss %.4f, with TTA8 %.4f, accuracy %.4f' % (a['log_loss'], b['log_loss'], a['accuracy']))")"
done
python3 bench/ablation-table.py "$out" "$budget" "${rows[@]}"
