#!/usr/bin/env bash
# Images per second of `spark-classify` (Spark local mode) versus the single-process `classify`,
# on the same N NDSB images, both measured in this one run.
#   bench/spark-vs-cli.sh MODEL [N] [MASTER]      (defaults: N=5000, MASTER=local[2])
# Writes bench/out/spark-vs-cli-N.md and prints it. Needs ../shared/data/ndsb/train.
# Each figure is wall time of the whole command (JVM start, model load, Spark start included) and,
# for Spark, also the job's own time from plankton-spark.json (listing to committed output).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="${1:?usage: bench/spark-vs-cli.sh MODEL [N] [MASTER]}"
n="${2:-5000}"
master="${3:-local[2]}"
data="${NDSB:-$here/../shared/data/ndsb/train}"
out="$here/bench/out"
input="$out/spark-input-$n"
mkdir -p "$out"

# N images spread over all classes (round-robin over sorted class folders, sorted files), copied so
# both jobs read exactly the same files from the same disk.
if [ ! -d "$input" ] || [ "$(find "$input" -type f | wc -l)" -ne "$n" ]; then
  rm -rf "$input"
  python3 - "$data" "$input" "$n" <<'PY'
import os, shutil, sys
data, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
classes = sorted(d for d in os.listdir(data) if os.path.isdir(os.path.join(data, d)))
files = {c: sorted(os.listdir(os.path.join(data, c))) for c in classes}
taken, i = 0, 0
while taken < n and any(i < len(f) for f in files.values()):
    for c in classes:
        if taken < n and i < len(files[c]):
            os.makedirs(os.path.join(dst, c), exist_ok=True)
            shutil.copy(os.path.join(data, c, files[c][i]), os.path.join(dst, c, files[c][i]))
            taken += 1
    i += 1
print(f"copied {taken} images into {dst}", file=sys.stderr)
PY
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

t0=$(secs)
"$launcher" classify --model "$model" --out "$out/cli-$n.csv" "$input" 2>"$out/cli-$n.log"
t1=$(secs)
"$launcher" spark-classify --master "$master" --model "$model" --input "$input" --out "$out/spark-out-$n" \
  --sample-level 1 2>"$out/spark-$n.log"
t2=$(secs)

python3 - "$n" "$t0" "$t1" "$t2" "$out/spark-out-$n/plankton-spark.json" "$master" "$model" "$out/spark-vs-cli-$n.md" <<'PY'
import json, os, sys
n, t0, t1, t2, summary, master, model, report = sys.argv[1:9]
n, t0, t1, t2 = int(n), float(t0), float(t1), float(t2)
s = json.load(open(summary))
cli, spark = t1 - t0, t2 - t1
lines = [
  f"N = {n} images, model {os.path.basename(model.rstrip('/'))}, Spark master {master}, {os.cpu_count()} CPUs, PLANKTON_THREADS={os.environ.get('PLANKTON_THREADS', 'all cores')}",
  "",
  "| run | wall s (whole command) | images/s (wall) | job s (in-process) | images/s (job) |",
  "|---|---|---|---|---|",
  f"| classify (one process) | {cli:.1f} | {n / cli:.1f} | | |",
  f"| spark-classify | {spark:.1f} | {n / spark:.1f} | {s['seconds']:.1f} | {s['images'] / s['seconds']:.1f} |",
  "",
  f"spark rows {s['images']}, errors {s['errors']}, samples {s['samples']}",
]
lines.append(f"load average at the end: {os.getloadavg()[0]:.1f} (other processes on the machine distort both figures)")
open(report, "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
