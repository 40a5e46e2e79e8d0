#!/usr/bin/env bash
# Abundance estimates under prior shift, on held-out NDSB images: samples are drawn from the model's
# validation split with class mixes unlike the training data's, classified with `classify --counts`,
# and the three count columns are compared with the truth.
#   count          images whose top class it is
#   expected_count sum of the class's (calibrated) probabilities
#   adjusted_count the sample's mix re-estimated by EM (Saerens et al. 2002) times its images
# Needs a model whose calibration.json records its training class mix (class_priors; `plankton
# calibrate` adds it); the model is copied and calibrated under OUT so the original is not touched.
# Usage: bench/prior-shift.sh [MODEL] [SAMPLES] [IMAGES_PER_SAMPLE] [DIRICHLET_ALPHA (0: the training mix)]
set -euo pipefail
cd "$(dirname "$0")/.."
model="${1:-models/ndsb-v1}"; samples="${2:-12}"; per="${3:-400}"; alpha="${4:-0.2}"
data="${DATA:-../shared/data/ndsb/train}"
out="bench/out/prior-shift-a$alpha"; rm -rf "$out"; mkdir -p "$out"
cp -r "$model" "$out/model"
./plankton calibrate --model "$out/model" --data "$data" > "$out/calibrate.log" 2>&1
./plankton evaluate --model "$out/model" --data "$data" --split validation --json --predictions "$out/validation.csv" > "$out/validation.json" 2>/dev/null
python3 bench/shifted-samples.py "$out" "$out/validation.csv" "$samples" "$per" "$alpha"
./plankton classify --model "$out/model" --out "$out/predictions.csv" --counts "$out/counts.csv" "$out/samples" > "$out/classify.log" 2>&1
python3 - "$out" <<'PY'
import csv, sys
from pathlib import Path
out = Path(sys.argv[1])
truth = {}
for r in csv.DictReader(open(out / "truth.csv")):
    truth.setdefault(r["sample"], {})[r["class"]] = int(r["count"])
est = {}
images = {}
for r in csv.DictReader(open(out / "counts.csv")):
    images[r["sample"]] = int(r["images"])
    for col in ("count", "expected_count", "adjusted_count"):
        est.setdefault(col, {}).setdefault(r["sample"], {})[r["class"]] = float(r[col])
print("| estimate | mean share of images misallocated (half the L1 error of the counts / images) | worst sample |")
print("|---|---|---|")
for col in ("count", "expected_count", "adjusted_count"):
    errs = []
    for s, t in truth.items():
        e = est[col].get(s, {})
        cls = set(t) | set(e)
        errs.append(sum(abs(e.get(c, 0) - t.get(c, 0)) for c in cls) / 2 / images[s])
    print(f"| {col} | {sum(errs) / len(errs):.4f} | {max(errs):.4f} |")
PY
