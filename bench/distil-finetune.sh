#!/usr/bin/env bash
# Issue 17, item 3, third try: distillation as a short fine-tune of the shipped default model, against the
# same fine-tune on hard labels at the same CPU budget. Why a fine-tune: a from-scratch student at v6's
# budget (270 process-CPU-minutes, about 2 h 20 min on 2 cores, plus 20 minutes of teacher labelling) no
# longer fits in one session, and a session now starts on a fresh machine, so a run's checkpoints do not
# outlive it. Both arms start from models/ndsb-v6's weights (--init), on v6's split (seed 42) and train
# seed, with a new one-cycle schedule at a tenth of v6's peak learning rate, for BUDGET process-CPU-minutes:
#   distil: the hard labels plus the shipped ensemble's (models/ndsb-v6-ensemble, 8-view geometric TTA,
#           0.664 against v6's 0.692) soft predictions for the same training images (--unlabeled-share 0.5,
#           as in bench/distil-v6.sh); the validation images are never labelled by the teacher;
#   hard:   the hard labels alone (the control: what the extra training alone buys).
# Then each arm's QUICK release-eval (default and 8-view geometric TTA) and paired bootstraps against v6
# and against each other. Checkpoints in OUT/ARM.checkpoint: `bench/distil-finetune.sh OUT distil -- --resume`
# continues an arm cut short.
# Usage: [BUDGET=75] [PEAK_LR=0.005] bench/distil-finetune.sh [OUT] [ARMS...] [-- extra train options]
#   OUT default runs/distil-finetune; ARMS: distil, hard, eval (default: all three, in that order)
set -euo pipefail
cd "$(dirname "$0")/.."
out=runs/distil-finetune
if [[ $# -gt 0 && "$1" != -* && "$1" != distil && "$1" != hard && "$1" != eval ]]; then out="$1"; shift; fi
arms=()
while [[ $# -gt 0 && "$1" != -- ]]; do arms+=("$1"); shift; done
[[ $# -gt 0 ]] && shift
[[ ${#arms[@]} -gt 0 ]] || arms=(distil hard eval)
data=../shared/data/ndsb/train
budget="${BUDGET:-75}"
mkdir -p "$out"
common=(--data "$data" --init models/ndsb-v6 --size-features --dropout 0 --schedule onecycle --lr "${PEAK_LR:-0.005}"
        --seed 42 --train-seed 7 --epochs 300 --cpu-budget "$budget")
teacher=(--unlabeled "$data" --teacher models/ndsb-v6-ensemble --teacher-tta 8 --teacher-tta-geometric --unlabeled-share 0.5)
# Each arm gets its own 8-view geometric TTA temperature, as v6 has (bench/release-v6.sh), so the TTA comparisons are fair.
tta_temperature() { ./plankton calibrate --model "$out/$1" --data "$data" --tta 8 --tta-geometric 2>&1 | tee -a "$out/$1.log"; }
for arm in "${arms[@]}"; do
  case "$arm" in
    distil) /usr/bin/time -v ./plankton train --out "$out/distil" "${common[@]}" "${teacher[@]}" "$@" 2>&1 | tee -a "$out/distil.log"
            tta_temperature distil ;;
    hard)   /usr/bin/time -v ./plankton train --out "$out/hard" "${common[@]}" "$@" 2>&1 | tee -a "$out/hard.log"
            tta_temperature hard ;;
    eval)
      QUICK=1 bench/release-eval.sh models/ndsb-v6 "$data" "$out/eval-v6"
      for a in distil hard; do
        if [[ -f "$out/$a/manifest.json" ]]; then QUICK=1 bench/release-eval.sh "$out/$a" "$data" "$out/eval-$a"; fi
      done
      for pair in "v6 distil" "v6 hard" "hard distil"; do
        a="${pair% *}"; b="${pair#* }"
        [[ -d "$out/eval-$a" && -d "$out/eval-$b" ]] || continue
        for s in default tta8-geometric; do
          echo "$s, $b - $a: $(python3 bench/paired-bootstrap.py "$out/eval-$a/$s.predictions.csv" "$out/eval-$b/$s.predictions.csv" 1000 | tail -3 | tr '\n' ' ')"
        done
      done | tee "$out/bootstrap.txt" ;;
    *) echo "unknown arm: $arm (distil, hard or eval)" >&2; exit 2 ;;
  esac
done
