#!/usr/bin/env bash
# Coverage of classify --counts' 95% bootstrap intervals (count_low..count_high,
# expected_low..expected_high) on held-out NDSB images: samples are drawn from the model's
# validation split with shifted class mixes (Dirichlet(alpha) over the classes, as in
# bench/prior-shift.sh), classified with `classify --counts`, and each (sample, class) interval is
# checked against (a) the sample's true count and (b) the count the water's mix implies
# (images x mix share), which is what an interval of sampling noise alone is meant to cover.
# Usage: bench/count-intervals.sh [MODEL] [SAMPLES] [IMAGES_PER_SAMPLE] [DIRICHLET_ALPHA] [VALIDATION_CSV]
# (VALIDATION_CSV: `evaluate --split validation --predictions` output, made when absent)
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-models/ndsb-v4}"; samples="${2:-12}"; per="${3:-400}"; alpha="${4:-0.2}"
data="${DATA:-../shared/data/ndsb/train}"
out="bench/out/count-intervals-a$alpha"; rm -rf "$out"; mkdir -p "$out"
val="${5:-$out/validation.csv}"
[ -f "$val" ] || ./plankton evaluate --model "$model" --data "$data" --split validation --json --predictions "$val" > /dev/null
python3 bench/shifted-samples.py "$out" "$val" "$samples" "$per" "$alpha"
./plankton classify --model "$model" --out "$out/predictions.csv" --counts "$out/counts.csv" "$out/samples" > "$out/classify.log" 2>&1
python3 - "$out" <<'PY'
import csv, sys
from pathlib import Path
out = Path(sys.argv[1])
truth = {(r["sample"], r["class"]): (int(r["count"]), float(r["mix_count"])) for r in csv.DictReader(open(out / "truth.csv"))}
est = {(r["sample"], r["class"]): r for r in csv.DictReader(open(out / "counts.csv"))}
# (sample, class) pairs present in the sample or listed in the counts table (expected count >= 0.0005)
pairs = [k for k in set(truth) | set(est) if truth.get(k, (0, 0))[0] > 0 or k in est]
def cover(lo, hi, target):
    return lo - 1e-9 <= target <= hi + 1e-9
print(f"(sample, class) pairs present in the sample or listed in the counts table: {len(pairs)}")
print("| true count in the sample | pairs | interval | covers the true count | covers images x the water's mix share | mean width |")
print("|---|---|---|---|---|---|")
for label, lo_t, hi_t in (("0", 0, 0), ("1-4", 1, 4), (">= 5", 5, 10**9), ("all", 0, 10**9)):
    sel = [k for k in pairs if lo_t <= truth.get(k, (0, 0))[0] <= hi_t]
    for name, lo, hi in (("count", "count_low", "count_high"), ("expected", "expected_low", "expected_high")):
        a = b = 0
        width = 0.0
        for k in sel:
            r = est.get(k)
            l, h = (float(r[lo]), float(r[hi])) if r else (0.0, 0.0)
            t, m = truth.get(k, (0, 0.0))
            a += cover(l, h, t)
            b += cover(l, h, m)
            width += h - l
        n = max(len(sel), 1)
        print(f"| {label} | {len(sel)} | {name} | {a / n:.3f} | {b / n:.3f} | {width / n:.2f} |")
PY
