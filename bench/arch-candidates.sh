#!/usr/bin/env bash
# Issue 17, step 1: network candidates at an equal budget of process CPU-minutes. The rows train side
# by side, one libtorch thread each (PLANKTON_THREADS=1), so that they share whatever else runs on the
# machine alike; the budget is process CPU (all threads: loader, GC, validation), not wall time.
# Every row uses the short-budget winners' recipe (size features, no dropout, one-cycle peak lr 0.05,
# batch 64, bf16 autocast where the CPU has it) and differs only in network and input side.
# Each row is then evaluated on the 2,583-image validation split, without and with 8-view TTA.
# Usage: bench/arch-candidates.sh [CPU_MINUTES] [ROW...]   (default 30; rows: see the case below)
# Rows that exist already are skipped, so the script can be stopped and rerun.
set -euo pipefail
cd "$(dirname "$0")/.."
budget="${1:-30}"; shift || true
data="${DATA:-../shared/data/ndsb/train}"
out="${OUT:-bench/out/arch-${budget}cpu}"; mkdir -p "$out"
rows=("$@"); [ ${#rows[@]} -gt 0 ] || rows=(default48 wide72 deep64)
recipe="--size-features --dropout 0 --schedule onecycle --lr 0.05"
flags() {
  case "$1" in
    default48) echo "--arch default --image-size 48" ;;   # the incumbent (ndsb-v4's network) at the short-budget winners' side
    default64) echo "--arch default --image-size 64" ;;   # ndsb-v4 as released
    wide72)    echo "--arch wide --image-size 72" ;;      # VGG-BN 32-32|64-64|128x3|256x3 as the 2015 teams used, 72 px
    wide64)    echo "--arch wide --image-size 64" ;;
    deep64)    echo "--arch deep --image-size 64" ;;      # VGG-BN 32-32|64-64|128-128|256-256 (measured 2026-11-30 as "resnet64",
                                                         # which a bug in train's options trained without its residual blocks)
    resnet64)  echo "--arch resnet --image-size 64" ;;    # deep64 with each pair of convolutions a residual block
    resnet72)  echo "--arch resnet --image-size 72" ;;
    *) echo "unknown row $1" >&2; exit 2 ;;
  esac
}
./plankton --version >/dev/null  # build once, before the rows start side by side
pids=()
for row in "${rows[@]}"; do
  model="$out/$row"
  [ -f "$model/manifest.json" ] && continue
  f=$(flags "$row")
  echo "== $row: train --cpu-budget $budget $f $recipe (1 thread)"
  ( PLANKTON_THREADS=1 PLANKTON_HEAP="${PLANKTON_HEAP:-4g}" /usr/bin/time -f "cpu_seconds %U %S wall %e max_rss_kb %M" -o "$model.time" \
      ./plankton train --data "$data" --out "$model" --epochs 300 --cpu-budget "$budget" $f $recipe > "$model.log" 2>&1 ) &
  pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
for row in "${rows[@]}"; do
  model="$out/$row"
  [ -f "$model.eval.json" ] || PLANKTON_THREADS=2 ./plankton evaluate --model "$model" --data "$data" --split validation --json > "$model.eval.json" 2>/dev/null
  [ -f "$model.tta8g.json" ] || PLANKTON_THREADS=2 ./plankton evaluate --model "$model" --data "$data" --split validation --json --tta 8 --tta-geometric > "$model.tta8g.json" 2>/dev/null
  python3 - "$model" "$row" <<'PY'
import json, re, sys
m, row = sys.argv[1], sys.argv[2]
a = json.load(open(m + ".eval.json")); b = json.load(open(m + ".tta8g.json"))
t = open(m + ".time").read().split()
epochs = json.load(open(m + "/provenance.json")).get("epoch")
rates = [float(x) for x in re.findall(r"([0-9.]+) img/s", open(m + ".log").read())]
print("%-10s log loss %.4f  TTA8 %.4f  acc %.4f  top5 %.4f  ECE %.4f  best epoch %s  CPU %.0f s  wall %.0f s  median img/s %s"
      % (row, a["log_loss"], b["log_loss"], a["accuracy"], a.get("top5_accuracy", float("nan")), a.get("expected_calibration_error", float("nan")),
         epochs, float(t[1]) + float(t[2]), float(t[4]), sorted(rates)[len(rates) // 2] if rates else "?"))
PY
done
