#!/usr/bin/env bash
# Whole-command throughput of `classify` on the three inference settings: --engine torch (fp32),
# --engine torch --precision bf16, --engine onnx (ONNX Runtime, fp32). The same JPEG files for each
# (default: two NDSB class folders, 2,655 images), arms alternating, ROUNDS rounds, so that drift of a
# shared machine hits every arm alike. img/s is what the command's own last progress line says
# (decoding, preprocessing, network and CSV writing together; JVM start and model load not counted).
# Usage: bench/onnx-engine.sh [OUTDIR] [ROUNDS] [MODEL]; INPUT=DIR classifies DIR instead (e.g. the 5,000
# images bench/spark-vs-cli.sh copies into bench/out/spark-input-5000).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-runs/onnx-engine}"; rounds="${2:-2}"; model="${3:-models/ndsb-v4}"
data="../shared/data/ndsb/train"
dirs=("$data/chaetognath_other" "$data/copepod_cyclopoid_oithona_eggs")
if [ -n "${INPUT:-}" ]; then dirs=("$INPUT"); fi
mkdir -p "$out"
./plankton info --model "$model" > /dev/null  # build once, outside the timings
echo "machine: $(nproc) cores, PLANKTON_THREADS=${PLANKTON_THREADS:-all}; $(uptime | sed 's/.*load/load/')"
for r in $(seq 1 "$rounds"); do
  for arm in "torch fp32" "torch bf16" "onnx fp32"; do
    set -- $arm
    log="$out/$1-$2-round$r.log"
    ./plankton classify --model "$model" --engine "$1" --precision "$2" --out "$out/$1-$2.csv" "${dirs[@]}" 2> "$log"
    # the progress bar redraws with \r; its final state is the last "classify N/N in m:ss (R/s)"
    rate="$(tr '\r' '\n' < "$log" | grep -o 'classify [0-9]*/[0-9]* in [0-9:]* ([0-9.]*/s)' | tail -1)"
    echo "round $r  --engine $1 --precision $2  $rate"
  done
done
