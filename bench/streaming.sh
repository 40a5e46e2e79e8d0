#!/usr/bin/env bash
# Issue 20, item 1: training on more images than fit in memory.
#   bench/streaming.sh compare [ROUNDS]  - NDSB (25,791 images): one epoch with the images decoded in
#                                          memory vs. decoded on the fly (--data-loading stream), same
#                                          flags, arms alternating; img/s from each epoch line.
#   bench/streaming.sh million [MINUTES] - NDSB repeated 39 times under distinct names (1,005,849 hard
#                                          links in $FARM, no extra disk), trained for MINUTES of wall
#                                          time with a 4 GB heap, where --data-loading auto must choose
#                                          streaming; reports img/s and peak RSS (/usr/bin/time).
# Flags of both: the short-budget recipe at 48 px (size features, no dropout, one-cycle), 2 threads.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${DATA:-../shared/data/ndsb/train}"
out="${OUT:-bench/out/streaming}"; mkdir -p "$out"
farm="${FARM:-/tmp/ndsb-1m}"
recipe="--image-size 48 --size-features --dropout 0 --schedule onecycle --lr 0.05"
./plankton --version >/dev/null
case "${1:-compare}" in
  compare)
    rounds="${2:-2}"
    for r in $(seq 1 "$rounds"); do
      for mode in memory stream; do
        log="$out/compare-$mode-$r.log"
        /usr/bin/time -f "cpu_seconds %U %S wall %e max_rss_kb %M" -o "$log.time" \
          ./plankton train --data "$data" --out "$out/compare-$mode" --epochs 1 --data-loading "$mode" $recipe > "$log" 2>&1
        echo "$mode round $r: $(grep -o '[0-9]* img/s' "$log" | tail -1), $(cat "$log.time")"
      done
    done ;;
  million)
    minutes="${2:-8}"
    if [ ! -f "$farm.complete" ]; then
      echo "building $farm: NDSB x 39 as hard links"
      python3 - "$data" "$farm" <<'PY'
import os, sys
src, dst = sys.argv[1], sys.argv[2]
n = 0
for cls in sorted(os.listdir(src)):
    d = os.path.join(src, cls)
    if not os.path.isdir(d):
        continue
    os.makedirs(os.path.join(dst, cls), exist_ok=True)
    files = sorted(os.listdir(d))
    for r in range(39):
        for f in files:
            t = os.path.join(dst, cls, "r%02d_%s" % (r, f))
            if not os.path.exists(t):
                os.link(os.path.join(d, f), t)
            n += 1
print(n, "links")
PY
      touch "$farm.complete"
    fi
    log="$out/million.log"
    PLANKTON_HEAP=4g /usr/bin/time -f "cpu_seconds %U %S wall %e max_rss_kb %M" -o "$log.time" \
      ./plankton train --data "$farm" --out "$out/million" --epochs 1 --time-budget "$minutes" --val-fraction 0.02 \
      $recipe > "$log" 2>&1
    grep -E "^data|data loading|streaming|img/s  lr|best model" "$log" | tr '\r' '\n' | grep -v "^\s*$" | tail -8
    cat "$log.time" ;;
  *) echo "usage: bench/streaming.sh compare [ROUNDS] | million [MINUTES]" >&2; exit 2 ;;
esac
