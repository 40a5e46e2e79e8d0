#!/usr/bin/env bash
# Whole-command throughput of `classify --engine onnx` on the fp32 graph against the int8 export
# (export-onnx --quantize int8, default settings), the same JPEG files for both (default: the two NDSB class
# folders of bench/onnx-engine.sh, 2,655 images), arms alternating, ROUNDS rounds, so that drift of a shared
# machine hits both alike. img/s is what the command's own last progress line says (decoding, preprocessing,
# network and CSV writing; JVM start and model load not counted).
# Usage: bench/onnx-int8-classify.sh [OUTDIR=runs/onnx-int8] [ROUNDS=3] [MODEL=models/ndsb-v4]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-runs/onnx-int8}"; rounds="${2:-3}"; model="${3:-models/ndsb-v4}"
data="../shared/data/ndsb/train"
dirs=("$data/chaetognath_other" "$data/copepod_cyclopoid_oithona_eggs")
mkdir -p "$out"
int8="$out/$(basename "$model")-int8.onnx"
[ -f "$int8" ] || ./plankton export-onnx --model "$model" --out "$int8" --quantize int8 --calibration-data "$data"
echo "machine: $(nproc) cores, PLANKTON_THREADS=${PLANKTON_THREADS:-all}; $(uptime | sed 's/.*load/load/')"
for r in $(seq 1 "$rounds"); do
  for arm in fp32 int8; do
    log="$out/$arm-round$r.log"
    extra=(); [ "$arm" = int8 ] && extra=(--onnx-model "$int8")
    ./plankton classify --model "$model" --engine onnx "${extra[@]}" --out "$out/$arm.csv" "${dirs[@]}" 2> "$log"
    rate="$(tr '\r' '\n' < "$log" | grep -o 'classify [0-9]*/[0-9]* in [0-9:]* ([0-9.]*/s)' | tail -1)"
    echo "round $r  --engine onnx ($arm)  $rate"
  done
done
# how often the two engines agree on the top class, over the same files
python3 - "$out/fp32.csv" "$out/int8.csv" <<'PY' || true
import csv, sys
def top(path):
    with open(path) as f:
        rows = csv.reader(f); head = next(rows)
        return {r[0]: max(range(1, len(r)), key=lambda i: float(r[i])) for r in rows}
a, b = top(sys.argv[1]), top(sys.argv[2])
same = sum(a[k] == b.get(k) for k in a)
print(f"top class the same for {same}/{len(a)} images ({same / len(a):.4f})")
PY
