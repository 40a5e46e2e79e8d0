#!/usr/bin/env bash
# int8 (static QDQ quantisation, org.plankton.onnx.int8) against fp32 on ONNX Runtime, one bundle, one JVM:
# calibration on training-split images, validation log loss and accuracy of each variant on the model's own
# validation split (one view, calibrated probabilities), then network-only img/s of fp32 against int8
# variants in alternating rounds (org.plankton.onnx.Int8Benchmark, plankton-onnx's test scope).
# VARIANTS: comma list of mse (each value's range chosen for least rounding and clipping error) or a percentile
# (1 = calibration min/max, 0.9999 = the 0.01 % and 99.99 % quantiles), then +first to quantise the convolution
# that reads the image too, +classes the classes layers too, +eq to apply cross-layer equalisation first,
# @P1+P2 to keep the layers named P1..., P2... fp32.
# TIMED: comma list of the variants (1 = the first int8 one) timed against fp32; ROUNDS 0: no timing.
# Usage: bench/onnx-int8.sh [MODEL=models/ndsb-v4] [DATA=../shared/data/ndsb/train] [CALIBRATION=600]
#        [VALIDATION=0 (all)] [ROUNDS=6] [THREADS=2] [VARIANTS=mse,mse+first] [TIMED=1] [SEED=1]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl plankton-onnx -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/test-classpath.txt >/dev/null
cp="plankton-onnx/target/test-classes:plankton-onnx/target/classes:$(cat plankton-onnx/target/test-classpath.txt)"
exec java -Xmx4g -cp "$cp" org.plankton.onnx.Int8Benchmark "${1:-models/ndsb-v4}" "${2:-../shared/data/ndsb/train}" \
  "${3:-600}" "${4:-0}" "${5:-6}" "${6:-2}" "${7:-mse,mse+first}" "${8:-1}" "${9:-1}"
