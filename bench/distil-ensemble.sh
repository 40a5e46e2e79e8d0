#!/usr/bin/env bash
# Issue 17, item 3, second try: distil the shipped v6 + 80 px ensemble into v6's network. The first try
# (bench/distil-v6.sh: teacher v5 + v6, 0.010 better than v6) bought nothing, and docs/results.md concluded
# that a teacher must be clearly stronger than its student. This teacher, models/ndsb-v6-ensemble with
# 8-view geometric TTA (its best setting), scores 0.6639 against v6's 0.6921: 0.028 better. Everything else
# is the first try's (bench/distil-v6.sh, which this runs): v6's recipe, seed and budget, the hard labels
# plus the teacher's soft predictions (--unlabeled-share 0.5), v6 as the control, targets cached for --resume.
# Needs about 2 h 40 min on 2 cores (labelling included), more than a session that starts on a fresh
# machine can hold (its checkpoints do not outlive it); bench/distil-finetune.sh measures the same teacher
# as a 75-CPU-minute fine-tune of v6 against a hard-label control instead (docs/results.md).
# Usage: [CONTROL=DIR] bench/distil-ensemble.sh [OUT] [--resume]
set -euo pipefail
cd "$(dirname "$0")/.."
out=runs/student2-deep64-s7
if [[ $# -gt 0 && "$1" != --* ]]; then out="$1"; shift; fi
exec bench/distil-v6.sh models/ndsb-v6-ensemble "$out" --teacher-tta-geometric "$@"
