#!/usr/bin/env bash
# Network-only training and inference throughput of the libtorch (JavaCPP) engine in fp32 and in bf16
# (autocast mixed precision), on the default model's architecture (models/ndsb-v4: 64 px, size
# features), batch 64, synthetic batches. Each measurement is its own process; the precisions
# alternate within every round so that machine noise hits them alike. Prints each run's JSON on
# stderr and, on stdout, per-round figures, medians and the ratios to fp32. (The DJL fp32 engine
# this used to compare against is gone; its figures are in docs/results.md.)
# Usage: bench/engine-compare.sh [ROUNDS=3] [BATCHES=8] [ARCH=models/ndsb-v4]
# PLANKTON_THREADS sets libtorch's thread count (default: all cores).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
batches="${2:-8}"
arch="${3:-models/ndsb-v4}"
kinds=(fp32 bf16)
results="$(mktemp)"
trap 'rm -f "$results"' EXIT
for ((r = 1; r <= rounds; r++)); do
  for k in "${kinds[@]}"; do
    json="$(./plankton benchmark --network-only --precision "$k" --arch "$arch" --rounds 1 --batches "$batches")"
    echo "$json" >&2
    echo "$r $k $(jq -r '"\(.train_network_only_img_per_s) \(.infer_network_only_img_per_s) \(.peak_rss_mib)"' <<<"$json")" >>"$results"
  done
done
echo "round precision train_img_per_s infer_img_per_s peak_rss_mib"
cat "$results"
echo
echo "median over $rounds rounds (ratio to fp32):"
for k in "${kinds[@]}"; do
  train="$(awk -v k="$k" '$2 == k {print $3}' "$results" | sort -g | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}')"
  infer="$(awk -v k="$k" '$2 == k {print $4}' "$results" | sort -g | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}')"
  echo "$k $train $infer"
done | awk 'NR == 1 {bt = $2; bi = $3} {printf "%-5s train %7.1f img/s (x%.2f)   infer %7.1f img/s (x%.2f)\n", $1, $2, $2 / bt, $3, $3 / bi}'
echo
echo "per-round ratios of bf16 to fp32 (same round):"
awk '{t[$1, $2] = $3; i[$1, $2] = $4; if ($1 > n) n = $1}
     END {for (r = 1; r <= n; r++) printf "round %d: bf16 train x%.2f infer x%.2f\n", r,
            t[r, "bf16"] / t[r, "fp32"], i[r, "bf16"] / i[r, "fp32"]}' "$results"
