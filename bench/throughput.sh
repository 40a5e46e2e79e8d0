#!/usr/bin/env bash
# Training and inference throughput: network alone on ready tensors vs. the whole pipeline from
# JPEG files, through the same code paths as `train` and `classify`, interleaved rounds, medians.
# Prints one JSON object (stdout); progress on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data/ndsb/train}"
size="${2:-64}"
./plankton benchmark --data "$data" --images 2048 --rounds 3 --image-size "$size"
