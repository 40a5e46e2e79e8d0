#!/usr/bin/env bash
# `classify --resume` on real data: a clean run; the same run killed with SIGKILL (kill -9) after
# KILL_AFTER seconds; then `--resume`. The resumed CSV and counts must be identical (cmp) to the clean
# run's. Prints rows kept at the kill, whether a partial row was cut, and the wall times.
# Usage: bench/resume-kill.sh [OUTDIR] [KILL_AFTER_S] [PATH...]   (default: all of NDSB train, 200 s)
# KEEP_CLEAN=1 reuses OUTDIR/clean.* from an earlier run of the same inputs.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-runs/resume}"; after="${2:-200}"; shift 2 2>/dev/null || shift $#
paths=("$@"); [ ${#paths[@]} -gt 0 ] || paths=("../shared/data/ndsb/train")
mkdir -p "$out"
[ "${KEEP_CLEAN:-0}" = 1 ] && [ -f "$out/clean.csv" ] || rm -f "$out"/clean.*
rm -f "$out"/resumed.*
./plankton info > /dev/null  # build once, outside the timings
echo "machine: $(nproc) cores, PLANKTON_THREADS=${PLANKTON_THREADS:-all}; $(uptime | sed 's/.*load/load/')"
run() { ./plankton classify --out "$out/$1.csv" --counts "$out/$1.counts.csv" "${@:2}" "${paths[@]}"; }
if [ -f "$out/clean.csv" ]; then
  echo "clean run kept from before: $(tr '\r' '\n' < "$out/clean.log" | grep -E '^classify [0-9]+/[0-9]+ in' | tail -1)"
else
  t0=$(date +%s.%N); run clean 2> "$out/clean.log"; t1=$(date +%s.%N)
  printf 'clean run %.0f s\n' "$(echo "$t1 - $t0" | bc)"
fi
# exec all the way down (subshell -> ./plankton -> java), so that $! is the JVM that kill -9 hits
(exec ./plankton classify --out "$out/resumed.csv" --counts "$out/resumed.counts.csv" "${paths[@]}") 2> "$out/killed.log" &
pid=$!
sleep "$after"; kill -9 "$pid"; wait "$pid" 2>/dev/null || true
if kill -0 "$pid" 2>/dev/null; then echo "the JVM survived kill -9" >&2; exit 1; fi
part="$out/resumed.csv.part"
echo "killed after ${after}s: $(( $(wc -l < "$part") - 1 )) complete rows in $part," \
  "partial last row: $([ -n "$(tail -c1 "$part")" ] && echo yes || echo no), final file: $([ -e "$out/resumed.csv" ] && echo yes || echo no)"
t2=$(date +%s.%N); run resumed --resume 2> "$out/resumed.log"; t3=$(date +%s.%N)
tr '\r' '\n' < "$out/resumed.log" | grep -E '^resuming|^classify [0-9]+/[0-9]+ in|classified' || true
printf 'resumed run %.0f s (after %s s killed)\n' "$(echo "$t3 - $t2" | bc)" "$after"
cmp "$out/clean.csv" "$out/resumed.csv" && echo "CSV identical: $(( $(wc -l < "$out/clean.csv") - 1 )) rows"
cmp "$out/clean.counts.csv" "$out/resumed.counts.csv" && echo "counts identical"
