#!/usr/bin/env bash
# Exports a model (default: the bundled models/ndsb-v4) with `./plankton export-onnx` and validates the
# file with the ONNX project's own checker (Debian's python3-onnx 1.12, the release that introduced
# opset 17 and IR version 8): onnx.checker.check_model with full_check (strict shape inference), then
# prints the graph's inputs, outputs, inferred output shapes, operators and metadata keys. A bench
# check, not a build step: the product needs no Python.
# With --variants it first runs plankton-onnx's export tests, which keep every graph they check against
# the torch engine (each architecture ingredient, ensembles) in plankton-onnx/target/onnx-variants, and
# checks those too.
# Usage: bench/onnx-check.sh [--variants] [MODEL_DIR=models/ndsb-v4]   (needs: apt-get install -y python3-onnx)
set -euo pipefail
cd "$(dirname "$0")/.."
variants=false
if [ "${1:-}" = "--variants" ]; then variants=true; shift; fi
model="${1:-models/ndsb-v4}"
py=/usr/bin/python3  # Debian's interpreter, where python3-onnx installs (not a pyenv/venv one)
if ! "$py" -c "import onnx" 2>/dev/null; then
  echo "onnx-check: Debian's python3-onnx is missing (apt-get install -y python3-onnx)" >&2
  exit 2
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
./plankton export-onnx --model "$model" --out "$out/model.onnx"
files=("$out/model.onnx")
if $variants; then
  rm -rf plankton-onnx/target/onnx-variants
  mvn -B -q -pl plankton-onnx -am test -Dtest='ArchitectureExportTest,EnsembleExportTest' \
    -Dsurefire.failIfNoSpecifiedTests=false >"$out/mvn.log" 2>&1 || { tail -40 "$out/mvn.log" >&2; exit 1; }
  files+=(plankton-onnx/target/onnx-variants/*.onnx)
fi
"$py" - "${files[@]}" <<'PY'
import collections, sys
import numpy
import onnx
from onnx import shape_inference

def check(path, verbose):
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    inferred = shape_inference.infer_shapes(model, strict_mode=True)
    if not verbose:
        outs = ", ".join(f"{v.name} {shape(v)}" for v in inferred.graph.output)
        ops = sorted({n.op_type for n in model.graph.node})
        print(f"checker OK: {path.split('/')[-1]}: {len(model.graph.node)} nodes ({', '.join(ops)}); {outs}")
        return
    describe(model, inferred)

def shape(v):
    return "[" + ", ".join(d.dim_param or str(d.dim_value) for d in v.type.tensor_type.shape.dim) + "]"

def describe(model, inferred):
    print(f"onnx {onnx.__version__}: ir_version {model.ir_version}, opset "
      + ", ".join(f"{o.domain or 'ai.onnx'} {o.version}" for o in model.opset_import)
      + f", producer {model.producer_name} {model.producer_version}")
    print("checker: OK (full_check: strict shape inference passed)")
    for v in model.graph.input:
        print(f"input  {v.name} {shape(v)}")
    for v in inferred.graph.output:
        print(f"output {v.name} {shape(v)}")
    ops = collections.Counter(n.op_type for n in model.graph.node)
    print(f"{len(model.graph.node)} nodes: " + ", ".join(f"{k} {n}" for k, n in sorted(ops.items())))
    values = sum(int(numpy.prod(t.dims)) for t in model.graph.initializer)
    print(f"{len(model.graph.initializer)} initializers, {values} values")
    print("metadata: " + ", ".join(p.key for p in model.metadata_props))

failed = 0
for i, path in enumerate(sys.argv[1:]):
    try:
        check(path, i == 0)
    except Exception as e:  # the checker's ValidationError, shape inference errors
        failed += 1
        print(f"checker FAILED: {path}: {e}")
print(f"{len(sys.argv) - 1 - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
