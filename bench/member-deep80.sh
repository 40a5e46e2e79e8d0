#!/usr/bin/env bash
# Issue 17, item 2: a diverse ensemble member for v6. Two runs of v6's 64 px network blend to only -0.007
# (and nothing with TTA), and distilling them did not pay (docs/results.md): the recipe's members differed
# in input size and architecture. This one is the same deep VGG at 80 px (1.5x the pixels, about 180 img/s
# on 2 cores against 275), from scratch, train seed 11, one-cycle over 360 process-CPU-minutes (about 58
# epochs). Resumable: pass --resume; the checkpoint carries the CPU used, so the schedule is unchanged.
# Usage: bench/member-deep80.sh [OUT] [--resume]
set -euo pipefail
cd "$(dirname "$0")/.."
out=runs/member-deep80-s11
if [[ $# -gt 0 && "$1" != --* ]]; then out="$1"; shift; fi
exec bench/member-deep.sh 80 11 360 "$out" "$@"
