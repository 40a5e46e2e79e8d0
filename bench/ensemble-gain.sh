#!/usr/bin/env bash
# Ensemble gain with equally trained members (issue 3): N models of the same recipe on the same
# split (seed 42), differing only in --train-seed, each with the same CPU budget, run one after
# the other (never two at once: they would share the 2 cores); then the fitted blend.
# Usage: bench/ensemble-gain.sh [CPU_MINUTES] [SEEDS...]
set -euo pipefail
cd "$(dirname "$0")/.."
budget="${1:-30}"; shift || true
seeds=("$@"); [ ${#seeds[@]} -gt 0 ] || seeds=(1 2 3)
data="${DATA:-../shared/data/ndsb/train}"
out="bench/out/ensemble-${budget}cpu"; mkdir -p "$out"
members=()
for s in "${seeds[@]}"; do
  m="$out/seed$s"; members+=("$m")
  [ -f "$m/manifest.json" ] || ./plankton train --data "$data" --out "$m" --epochs 200 --cpu-budget "$budget" --train-seed "$s" > "$m.log" 2>&1
  echo "seed $s: $(./plankton evaluate --model "$m" --data "$data" --split validation --json 2>/dev/null \
    | python3 -c "import json,sys; d=json.load(sys.stdin); print('log loss %.4f accuracy %.4f' % (d['log_loss'], d['accuracy']))")"
done
./plankton ensemble --models "${members[@]}" --data "$data" --out "$out/ensemble"
echo "ensemble: $(./plankton evaluate --model "$out/ensemble" --data "$data" --split validation --json 2>/dev/null \
  | python3 -c "import json,sys; d=json.load(sys.stdin); print('log loss %.4f accuracy %.4f' % (d['log_loss'], d['accuracy']))")"
