#!/usr/bin/env bash
# Images per second of `spark-classify` (Spark local mode) versus the single-process `classify`,
# on the same N NDSB images, both measured in this one run.
#   bench/spark-vs-cli.sh MODEL [N] [MASTER] [ROUNDS]   (defaults: N=5000, MASTER=local[2], ROUNDS=1)
# Rounds alternate classify and spark-classify, so that load from other processes falls on both; the
# table has one row per run. PLANKTON_ENGINE (default: the commands' default, onnx) picks the engine of both.
# Writes bench/out/spark-vs-cli-N.md and prints it. Needs ../shared/data/ndsb/train.
# Each figure is wall time of the whole command (JVM start, model load, Spark start included) and,
# for Spark, also the job's own time from plankton-spark.json (listing to committed output).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="${1:?usage: bench/spark-vs-cli.sh MODEL [N] [MASTER]}"
n="${2:-5000}"
master="${3:-local[2]}"
rounds="${4:-1}"
engine=()
if [ -n "${PLANKTON_ENGINE:-}" ]; then engine=(--engine "$PLANKTON_ENGINE"); fi
data="${NDSB:-$here/../shared/data/ndsb/train}"
out="$here/bench/out"
input="$out/spark-input-$n"
mkdir -p "$out"

# N images spread over all classes (round-robin over sorted class folders, sorted files), copied so
# both jobs read exactly the same files from the same disk.
if [ ! -d "$input" ] || [ "$(find "$input" -type f | wc -l)" -ne "$n" ]; then
  rm -rf "$input"
  python3 "$here/bench/ndsb-subset.py" "$data" "$input" "$n"
fi

secs() { python3 -c 'import sys,time; print(f"{time.time():.3f}")'; }

# Build both first, then time a copy of the launcher without its rebuild check, so that neither
# timing includes a build even if a source changes meanwhile (the copy must sit in the repository
# root, where the launcher finds its jars).
"$here/plankton" --version >/dev/null
"$here/plankton" spark-classify --version >/dev/null
launcher="$here/.plankton-bench-$$"
sed 's/^if stale; then$/if false; then/' "$here/plankton" >"$launcher"
chmod +x "$launcher"
trap 'rm -f "$launcher"' EXIT
trap 'exit 130' INT TERM

times=()
for ((r = 1; r <= rounds; r++)); do
  rm -rf "$out/spark-out-$n"
  t0=$(secs)
  "$launcher" classify "${engine[@]}" --model "$model" --out "$out/cli-$n.csv" "$input" 2>"$out/cli-$n.log"
  t1=$(secs)
  "$launcher" spark-classify "${engine[@]}" --master "$master" --model "$model" --input "$input" \
    --out "$out/spark-out-$n" --sample-level 1 2>"$out/spark-$n.log"
  t2=$(secs)
  times+=("$t0,$t1,$t2,$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(s["seconds"])' \
    "$out/spark-out-$n/plankton-spark.json")")
done

python3 - "$n" "$out/spark-out-$n/plankton-spark.json" "$master" "$model" "$out/spark-vs-cli-$n.md" "${times[@]}" <<'PY'
import json, os, sys
n, summary, master, model, report = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
s = json.load(open(summary))
lines = [
  f"N = {n} images, model {os.path.basename(model.rstrip('/'))}, Spark master {master}, {os.cpu_count()} CPUs, "
  f"PLANKTON_THREADS={os.environ.get('PLANKTON_THREADS', 'all cores')}, engine {os.environ.get('PLANKTON_ENGINE') or 'default'}",
  "",
  "| round | classify wall s | classify img/s | spark wall s | spark img/s (wall) | spark job s | spark img/s (job) | job / classify |",
  "|---|---|---|---|---|---|---|---|",
]
for r, t in enumerate(sys.argv[6:], 1):
    t0, t1, t2, job = map(float, t.split(","))
    cli, spark = t1 - t0, t2 - t1
    lines.append(f"| {r} | {cli:.1f} | {n / cli:.1f} | {spark:.1f} | {n / spark:.1f} | {job:.1f} | {n / job:.1f} | {cli / job:.2f} |")
lines += ["", f"spark rows {s['images']}, errors {s['errors']}, samples {s['samples']}",
          f"load average at the end: {os.getloadavg()[0]:.1f} (other processes on the machine distort both figures)"]
open(report, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
