#!/usr/bin/env bash
# A real Spark standalone cluster on loopback: a Master and W Workers as separate JVMs on 127.0.0.1
# (Spark's own org.apache.spark.deploy.master.Master / worker.Worker from the jars plankton-spark
# builds), `spark-classify` against it on N NDSB images, and, with --kill, one Worker and its
# executor killed with SIGKILL once the classifying stage has finished its first task. Then checks
# that the output has every input image exactly once, and reports wall time and the executors' peak
# resident memory.
#   bench/spark-cluster.sh [--kill] [N=2000] [WORKERS=2]
# Needs ../shared/data/ndsb/train (bench/ndsb-subset.py copies the N images into bench/out/, as for
# bench/spark-vs-cli.sh).
# Ports 17077 (master) and 18090-18099 (web UIs); everything it starts is stopped on exit.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kill_one=false
if [ "${1:-}" = "--kill" ]; then kill_one=true; shift; fi
n="${1:-2000}" workers="${2:-2}"
out="$here/bench/out"
input="$out/spark-input-$n"
run="$(mktemp -d /tmp/plankton-spark-cluster.XXXXXX)"
mkdir -p "$out"

if [ ! -d "$input" ] || [ "$(find "$input" -type f | wc -l)" -ne "$n" ]; then
  rm -rf "$input"
  python3 "$here/bench/ndsb-subset.py" "${NDSB:-$here/../shared/data/ndsb/train}" "$input" "$n"
fi

"$here/plankton" spark-classify --version >/dev/null   # builds the jars
sparklib="$here/plankton-spark/target/spark-lib"
applib="$here/plankton-spark/target/plankton-spark.jar:$here/plankton-spark/target/lib/*"
# A Worker launches executors as "java -cp $SPARK_HOME/jars/* ...": a SPARK_HOME whose jars are ours.
# Spark's jars as plankton-spark's build keeps them, plus slf4j-api and Jackson, which a Spark distribution has
# among its jars and the build keeps with the application's (target/lib)
mkdir -p "$run/spark-home/jars"
ln -s "$sparklib"/*.jar "$here"/plankton-spark/target/lib/{slf4j-api,jackson-}*.jar "$run/spark-home/jars/"
touch "$run/spark-home/RELEASE"  # tells Spark's launcher this is a distribution (jars/), not a source build
sparklib="$run/spark-home/jars"
opens=()
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done

pids=()
cleanup() {
  for p in "${pids[@]}"; do pkill -9 -P "$p" 2>/dev/null || true; kill -9 "$p" 2>/dev/null || true; done
  mkdir -p "$out/spark-cluster-logs"
  cp "$run"/*.log "$out/spark-cluster-logs/" 2>/dev/null || true
  rm -rf "$run"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export SPARK_HOME="$run/spark-home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1
java "${opens[@]}" -Xmx512m -cp "$sparklib/*" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port 17077 --webui-port 18090 >"$run/master.log" 2>&1 &
pids+=($!); disown $!
for _ in $(seq 1 60); do grep -q "I have been elected leader" "$run/master.log" && break; sleep 1; done
for ((w = 1; w <= workers; w++)); do
  SPARK_WORKER_DIR="$run/work-$w" java "${opens[@]}" -Xmx512m -cp "$sparklib/*" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores 1 --memory 2g --webui-port $((18090 + w)) --work-dir "$run/work-$w" \
    spark://127.0.0.1:17077 >"$run/worker-$w.log" 2>&1 &
  pids+=($!); disown $!
done
for ((w = 1; w <= workers; w++)); do
  for _ in $(seq 1 60); do grep -q "Successfully registered with master" "$run/worker-$w.log" && break; sleep 1; done
done
echo "cluster: master and $workers worker(s) on 127.0.0.1 (1 core, 2 GB each)" >&2

# executors: 1 core, 1.5 GB, 1 engine thread each (one per worker: the machine has 2 cores). Spark adds
# the Java 17 --add-opens flags to the executors' options itself (SparkContext.supplementJavaModuleOptions).
export PLANKTON_JAVA_OPTS="-Dspark.executor.extraClassPath=$applib -Dspark.executor.memory=1500m \
-Dspark.executor.cores=1 -Dspark.cores.max=$workers -Dspark.task.maxFailures=4 -Dspark.driver.host=127.0.0.1 \
-Dspark.ui.enabled=false -Dspark.executor.extraJavaOptions=-Dplankton.threads=1 \
-Dlog4j2.configurationFile=$run/log4j2.properties"
cat >"$run/log4j2.properties" <<'EOF'
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n%ex
logger.plankton.name = org.plankton
logger.plankton.level = info
logger.tasks.name = org.apache.spark.scheduler.TaskSetManager
logger.tasks.level = info
EOF

# peak resident memory of every executor JVM, sampled every half second
(
  while true; do
    for p in $(pgrep -f CoarseGrainedExecutorBackend || true); do
      awk -v p="$p" '/^VmHWM/ {print p, $2}' "/proc/$p/status" 2>/dev/null || true
    done
    sleep 0.5
  done
) >"$run/rss.txt" &
pids+=($!); disown $!

result="$out/spark-cluster-out-$n"
rm -rf "$result"
t0=$(date +%s.%N)
"$here/plankton" spark-classify --master spark://127.0.0.1:17077 --input "$input" --out "$result" \
  --format csv --sample-level 1 2>"$run/driver.log" &
driver=$!
killed="none"
if $kill_one; then
  # wait for the classifying stage's first finished task, then kill worker 1 and its executor
  for _ in $(seq 1 600); do
    grep -qE "Finished task .* in stage [1-9]" "$run/driver.log" && break
    kill -0 $driver 2>/dev/null || break
    sleep 0.5
  done
  wpid=${pids[1]}
  epid=$(pgrep -P "$wpid" -f CoarseGrainedExecutorBackend || true)
  kill -9 "$wpid" ${epid:+"$epid"} 2>/dev/null || true
  killed="worker 1 (pid $wpid) and its executor (pid ${epid:-none}) at $(date +%T)"
  echo "killed $killed" >&2
fi
set +e
wait $driver
rc=$?
set -e
t1=$(date +%s.%N)
grep -E "spark-classify:|Lost executor|lost|Removed|ERROR" "$run/driver.log" | tail -8 >&2 || true

python3 - "$input" "$result" "$n" "$workers" "$killed" "$rc" "$t0" "$t1" "$run/rss.txt" <<'PY'
import csv, glob, os, sys
inp, res, n, workers, killed, rc, t0, t1, rssf = sys.argv[1:10]
want = sorted(os.path.join(dp, f) for dp, _, fs in os.walk(inp) for f in fs)
rows = []
for part in sorted(glob.glob(os.path.join(res, "predictions", "*.csv"))):
    with open(part, newline="") as fh:
        rows += [r["path"] for r in csv.DictReader(fh)]
got = [p[len("file:"):] if p.startswith("file:") else p for p in rows]
dups = len(got) - len(set(got))
missing = len(set(want) - set(got))
extra = len(set(got) - set(want))
peak = {}
for line in open(rssf):
    p, kb = line.split()
    peak[p] = max(peak.get(p, 0), int(kb))
wall = float(t1) - float(t0)
print(f"workers {workers}, images {n}, killed: {killed}, exit status {rc}")
print(f"wall {wall:.1f} s ({int(n) / wall:.1f} images/s, whole command)")
print(f"rows {len(got)}, duplicates {dups}, missing {missing}, unexpected {extra}: "
      + ("every image exactly once" if dups == missing == extra == 0 and len(got) == len(want) else "NOT every image exactly once"))
print("executor peak RSS MB: " + (", ".join(f"{kb / 1024:.0f}" for kb in peak.values()) or "not sampled"))
sys.exit(0 if dups == missing == extra == 0 and rc == "0" else 1)
PY
