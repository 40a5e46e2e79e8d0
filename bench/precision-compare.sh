#!/usr/bin/env bash
# Does bf16 mixed precision train as well as fp32, and how much sooner? Two runs of the same recipe
# from the same seeds, side by side (started together, one libtorch thread each, so machine noise
# hits both alike), for the same number of epochs; only `--precision` differs. Then:
# - at equal epochs: both final models scored on the validation split in fp32 inference, and a
#   paired bootstrap of the difference (bench/paired-bootstrap.py);
# - per CPU-minute: each epoch's validation log loss against the run's cumulative training time
#   (one thread each, so wall seconds of an epoch are its CPU seconds), from metrics.json history.
# Usage: bench/precision-compare.sh [OUTDIR] [EPOCHS] [IMAGE_SIZE]
# Reruns skip arms whose bundle is complete; an interrupted arm resumes from its checkpoint.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-runs/precision}"; epochs="${2:-6}"; size="${3:-48}"
data="../shared/data/ndsb/train"
mkdir -p "$out"
arm() { # precision
  local model="$out/$1" resume=()
  [ -f "$model.done" ] && return 0
  [ -d "$model.checkpoint" ] && resume=(--resume)
  PLANKTON_THREADS=1 /usr/bin/time -f "cpu_seconds %U %S wall %e" -o "$model.time" \
    ./plankton train --data "$data" --out "$model" --precision "$1" --epochs "$epochs" --image-size "$size" \
    --size-features --dropout 0 --lr 0.05 --schedule onecycle --seed 42 "${resume[@]}" >> "$model.log" 2>&1
  touch "$model.done"
}
./plankton info --model models/ndsb-v4 > /dev/null  # build once before the two runs start
arm fp32 & a=$!
arm bf16 & b=$!
wait $a; wait $b
for p in fp32 bf16; do
  [ -f "$out/$p.eval.json" ] || ./plankton evaluate --model "$out/$p" --data "$data" --split validation \
      --precision fp32 --predictions "$out/$p.predictions.csv" --json | tail -1 > "$out/$p.eval.json"
done
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
for p in ("fp32", "bf16"):
    e = json.load(open(f"{out}/{p}.eval.json"))
    t = open(f"{out}/{p}.time").read().split()
    print(f"{p}: log loss {e['log_loss']:.4f} accuracy {e['accuracy']:.4f} top-5 {e['top5_accuracy']:.4f}  "
          f"process CPU {float(t[1]) + float(t[2]):.0f} s, wall {float(t[4]):.0f} s")
    h = json.load(open(f"{out}/{p}/metrics.json"))["history"]
    cum = 0
    for r in h:
        cum += r["seconds"]
        print(f"  epoch {r['epoch']}: {cum / 60:6.1f} train-min  val log loss {r['valLogLoss']:.4f}  "
              f"acc {r['valAccuracy']:.4f}  {r['imagesPerSecond']:.0f} img/s")
PY
echo "paired bootstrap, B - A with A = fp32, B = bf16 (equal epochs):"
python3 bench/paired-bootstrap.py "$out/fp32.predictions.csv" "$out/bf16.predictions.csv"
