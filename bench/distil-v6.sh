#!/usr/bin/env bash
# Issue 17, item 3: distil the v6 + v5 ensemble into one network, against the same network on hard labels
# at the same budget. The student is v6's recipe and seed (deep VGG 64 px, train seed 7, one-cycle over 270
# process-CPU-minutes, 2 threads) trained on the hard labels plus the ensemble's 8-view soft predictions
# for the same training images (--unlabeled-share 0.5: each epoch holds every training image once with
# its label and, on average, once with the teacher's probabilities, each with its own augmentation); the
# validation images are never labelled by the teacher. The control is v6 itself (the same command without
# --unlabeled/--teacher). The teacher's targets are kept in the checkpoint folder, so --resume does not
# label again. The budget counts training only; the labelling (23,208 images x 8 views x 2 networks) took 24
# wall-minutes here, partly paused and contended, and is reported apart.
# Usage: [CONTROL=DIR] bench/distil-v6.sh TEACHER_ENSEMBLE OUT [--resume]
#   TEACHER_ENSEMBLE: bench/out/ensemble-v5-s7/v5-member (bench/release-v5-ensemble.sh writes it)
set -euo pipefail
cd "$(dirname "$0")/.."
teacher="$1"; out="$2"; shift 2
./plankton train --data ../shared/data/ndsb/train --out "$out" \
  --arch deep --image-size 64 --size-features --dropout 0 --schedule onecycle --lr 0.05 --train-seed 7 --epochs 300 \
  --cpu-budget 270 --unlabeled ../shared/data/ndsb/train --teacher "$teacher" --teacher-tta 8 --unlabeled-share 0.5 "$@"
bench/release-eval.sh "$out" ../shared/data/ndsb/train "$out-eval"
# The control's per-image outputs (bench/release-v6.sh writes them; CONTROL=DIR when this runs in another worktree).
control="${CONTROL:-bench/out/release-eval-ndsb-v6-fp32}"
if [[ -f "$control/default.predictions.csv" ]]; then
  for s in default tta8-geometric; do
    echo "$s, student - control: $(python3 bench/paired-bootstrap.py "$control/$s.predictions.csv" "$out-eval/$s.predictions.csv" 1000 | tail -3 | tr '\n' ' ')"
  done
else
  echo "no $control/default.predictions.csv: run bench/release-v6.sh (or set CONTROL) for the paired bootstrap against v6" >&2
fi
