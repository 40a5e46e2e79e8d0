#!/usr/bin/env bash
# Network-only inference throughput of a bundle (default models/ndsb-v4) exported to ONNX and run on ONNX
# Runtime 1.29 (optimisation level ALL, BASIC and the session defaults) against the JavaCPP libtorch
# engine in fp32 and bf16, side by side in one JVM (which also shows the two native engines share a
# process), batch 64 of synthetic input, median of interleaved rounds. The benchmark lives in
# plankton-onnx's test scope (org.plankton.onnx.OnnxBenchmark): no command loads ONNX Runtime yet.
# With --separate each engine runs alone in a JVM of its own, one round per JVM, engines in turn (a control
# for the engines disturbing each other in one process); prints each process's result lines.
# Usage: bench/onnx-throughput.sh [--separate] [MODEL_DIR=models/ndsb-v4] [ROUNDS=5] [BATCHES=12] [BATCH=64] [THREADS=2]
set -euo pipefail
cd "$(dirname "$0")/.."
separate=false
if [ "${1:-}" = "--separate" ]; then separate=true; shift; fi
model="${1:-models/ndsb-v4}" rounds="${2:-5}" batches="${3:-12}" batch="${4:-64}" threads="${5:-2}"
mvn -B -q -pl plankton-onnx -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt >/dev/null
cp="plankton-onnx/target/test-classes:plankton-onnx/target/classes:$(cat plankton-onnx/target/test-classpath.txt)"
# glibc keeps libtorch's large per-step buffers instead of returning them to the kernel (as ./plankton does)
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-33554432}" MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-4294967296}" \
  MALLOC_TOP_PAD_="${MALLOC_TOP_PAD_:-268435456}"
if ! $separate; then
  exec java -Xmx4g -cp "$cp" org.plankton.onnx.OnnxBenchmark "$model" "$rounds" "$batches" "$batch" "$threads"
fi
for ((r = 1; r <= rounds; r++)); do
  for e in ort-all ort-basic ort-default fp32 bf16; do
    java -Xmx4g -cp "$cp" org.plankton.onnx.OnnxBenchmark "$model" 1 "$batches" "$batch" "$threads" "$e" 2>/dev/null \
      | awk -v r="$r" '/^round 1:/ {sub(/^round 1:/, "round " r ":"); print}'
  done
done
