#!/usr/bin/env bash
# What the recipe's network ingredients cost: training and inference img/s of the default network
# plain, with the cyclic slice (4 rotations + RMS pooling), with roll layers, with maxout and without batch norm
# (add residual to --variants for residual blocks), at 63 px (a size whose pooling is rotation-symmetric), random data, interleaved rounds.
# Usage: bench/rotation-cost.sh [ROUNDS] [BATCHES]
set -euo pipefail
cd "$(dirname "$0")/.."
./plankton benchmark-arch --variants plain,cyclic,roll,maxout,no-bn --image-size 63 --rounds "${1:-3}" --batches "${2:-4}"
