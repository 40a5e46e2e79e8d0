#!/usr/bin/env bash
# What the shipped ensemble costs against the default model: whole `classify` (decode, preprocessing,
# networks, CSV) on the same folder, the two models alternated ROUNDS times (this machine is shared and
# noisy: compare the ratio within a round), default settings (onnx engine), plus the first-call time on
# the 24 samples (the ensemble's members are exported to ONNX in memory at load; v6 ships its model.onnx).
# Usage: bench/ensemble-speed.sh [DIR] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-../shared/data/ndsb/train/chaetognath_other}"
rounds="${2:-2}"
out=bench/out/ensemble-speed
mkdir -p "$out"
n=$(find "$dir" -type f | wc -l)
timed() { # label, model, input
  local start end
  start=$(date +%s.%N)
  ./plankton classify --model "$2" --out "$out/$1.csv" "$3" > /dev/null 2>&1
  end=$(date +%s.%N)
  python3 -c "print('$1: %.1f s' % ($end - $start))"
}
echo "$n images in $dir"
for r in $(seq "$rounds"); do
  a=$(timed v6 models/ndsb-v6 "$dir")
  b=$(timed ensemble models/ndsb-v6-ensemble "$dir")
  echo "round $r: $a, $b"
done
echo "samples/ (24 images, JVM start and model load included): $(timed v6-samples models/ndsb-v6 samples), $(timed ensemble-samples models/ndsb-v6-ensemble samples)"
