#!/usr/bin/env bash
# Bounded load test of `plankton serve` on loopback: N clients (default 16) each posting one
# image at a time to POST /api/classify for S seconds (default 30), then everything stops by
# itself. Prints one JSON object: requests, errors (must be 0), per-image latency p50/p90/p99,
# images/s; then the server's resident memory (VmRSS now, VmHWM peak) on stderr as one JSON line.
# Usage: bench/server-load.sh [--model M] [--engine onnx|torch] [IMAGE_DIR] [CLIENTS] [SECONDS]
# PLANKTON_CMD overrides the launcher (default ./plankton), e.g. to skip its rebuild check.
set -euo pipefail
cd "$(dirname "$0")/.."
model=()
if [ "${1:-}" = "--model" ]; then model=(--model "$2"); shift 2; fi
engine=()
if [ "${1:-}" = "--engine" ]; then engine=(--engine "$2"); shift 2; fi
images="${1:-../shared/data/ndsb/train}"
clients="${2:-16}"
seconds="${3:-30}"
port="${PLANKTON_BENCH_PORT:-18181}"
data="$(mktemp -d)"
${PLANKTON_CMD:-./plankton} serve "${model[@]}" "${engine[@]}" --port "$port" --data-dir "$data" >"$data/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$port/api/health" >/dev/null 2>&1 && break
  kill -0 $pid 2>/dev/null || { cat "$data/serve.log" >&2; exit 1; }
  sleep 1
done
curl -s "http://127.0.0.1:$port/api/health" >&2; echo >&2
java -cp "plankton-bench/target/plankton-bench.jar:plankton-cli/target/lib/*" org.plankton.bench.server.ClassifyLoad \
  "http://127.0.0.1:$port" "$images" "$clients" "$seconds" 500
awk -v e="${engine[1]:-default}" '/^VmRSS|^VmHWM/ {v[$1]=$2} END {printf "{\"engine\": \"%s\", \"rss_mb\": %.0f, \"peak_rss_mb\": %.0f}\n", e, v["VmRSS:"]/1024, v["VmHWM:"]/1024}' \
  "/proc/$pid/status" >&2
