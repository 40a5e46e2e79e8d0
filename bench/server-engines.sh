#!/usr/bin/env bash
# `plankton serve` under bench/server-load.sh on each inference engine, alternated: R rounds of onnx then
# torch (default 2), CLIENTS clients (default 16) for S seconds each (default 20). Prints a Markdown table:
# images/s, latency p50/p99, errors, and the server's resident memory at the end of the load (VmRSS) and
# its peak (VmHWM). Usage: bench/server-engines.sh [ROUNDS] [CLIENTS] [SECONDS] [IMAGE_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-2}" clients="${2:-16}" seconds="${3:-20}" images="${4:-../shared/data/ndsb/train}"
./plankton --version >/dev/null
echo "| round | engine | images/s | p50 ms | p99 ms | errors | RSS MB | peak RSS MB |"
echo "|---|---|---|---|---|---|---|---|"
for ((r = 1; r <= rounds; r++)); do
  for e in onnx torch; do
    bash bench/server-load.sh --engine "$e" "$images" "$clients" "$seconds" 2>&1 | python3 -c '
import json, sys
t = sys.stdin.read()
i, j = t.index("{\n"), t.index("\n}") + 2
load, mem = json.loads(t[i:j]), json.loads(t[j:].strip().splitlines()[-1])
print(f"| {sys.argv[1]} | {sys.argv[2]} | {load[\"images_per_second\"]:.1f} | {load[\"latency_ms_p50\"]:.0f} | "
      f"{load[\"latency_ms_p99\"]:.0f} | {load[\"errors\"]} | {mem[\"rss_mb\"]} | {mem[\"peak_rss_mb\"]} |")
' "$r" "$e"
  done
done
echo
echo "load average at the end: $(cut -d' ' -f1 /proc/loadavg) on $(nproc) CPUs"
