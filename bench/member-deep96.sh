#!/usr/bin/env bash
# Issue 17, item 2: a third member for the v6 + 80 px ensemble, at a third input size. The 80 px member
# was no better than v6 alone but blended to -0.019 (docs/results.md, "A diverse member"): input size
# buys diversity, as in the 10th-place team's 3-resolution ensemble of 2015. This one is the same deep
# VGG at 96 px (2.25x v6's pixels), from scratch, train seed 13, one-cycle over 420 process-CPU-minutes
# (at about 1.44x the 80 px member's 4.7 CPU-minutes an epoch, some 60 epochs). Resumable: pass
# --resume; the checkpoint carries the CPU used, so the schedule is the one an uninterrupted run follows.
# Usage: bench/member-deep96.sh [OUT] [--resume]
set -euo pipefail
cd "$(dirname "$0")/.."
out=runs/member-deep96-s13
if [[ $# -gt 0 && "$1" != --* ]]; then out="$1"; shift; fi
exec bench/member-deep.sh 96 13 420 "$out" "$@"
