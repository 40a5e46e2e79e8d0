#!/usr/bin/env bash
# Pseudo-labelling, measured honestly (issue 3): half of each NDSB class keeps its labels (manifest
# L.csv), the other half is treated as unlabelled (U.lst, labels hidden). The teacher trains on L;
# the student trains on L plus U with the teacher's soft probabilities as targets. Both are scored
# on the same validation split of L (10%, seed 42), which never enters U. Same CPU budget each.
# The student trains without dropout (soft targets already regularise), so a third model, the
# control, trains on L alone with the student's settings: student - control is the pool's gain,
# teacher - control the gain of dropping dropout. A second student learns from the control (the
# better teacher) instead: student2 - control is the pool's gain with that teacher.
# Usage: bench/pseudo-label.sh [CPU_MINUTES] [TEACHER_TTA]
set -euo pipefail
cd "$(dirname "$0")/.."
budget="${1:-30}"; tta="${2:-8}"
data="${DATA:-../shared/data/ndsb/train}"
out=bench/out/pseudo; mkdir -p "$out"
python3 - "$data" "$out" <<'PY'
import hashlib, sys
from pathlib import Path
data, out = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
L, U = ["path,label"], ["path"]
for cls in sorted(p for p in data.iterdir() if p.is_dir()):
    for f in sorted(cls.iterdir()):
        if f.suffix.lower() not in (".jpg", ".jpeg", ".png"):
            continue
        # a fixed, content-independent half: the hash of the relative path
        keep = int(hashlib.sha256(f"{cls.name}/{f.name}".encode()).hexdigest(), 16) % 2 == 0
        (L if keep else U).append(f"{f},{cls.name}" if keep else str(f))
(out / "L.csv").write_text("\n".join(L) + "\n")
(out / "U.lst").write_text("\n".join(U) + "\n")
print(f"labelled {len(L) - 1}, unlabelled {len(U) - 1}")
PY
[ -f "$out/teacher/manifest.json" ] || ./plankton train --data "$out/L.csv" --out "$out/teacher" --epochs 200 --cpu-budget "$budget" > "$out/teacher.log" 2>&1
[ -f "$out/control/manifest.json" ] || ./plankton train --data "$out/L.csv" --out "$out/control" --epochs 200 --cpu-budget "$budget" \
  --dropout 0 > "$out/control.log" 2>&1
[ -f "$out/student/manifest.json" ] || ./plankton train --data "$out/L.csv" --out "$out/student" --epochs 200 --cpu-budget "$budget" \
  --unlabeled "$out/U.lst" --teacher "$out/teacher" --teacher-tta "$tta" --dropout 0 > "$out/student.log" 2>&1
[ -f "$out/student2/manifest.json" ] || ./plankton train --data "$out/L.csv" --out "$out/student2" --epochs 200 --cpu-budget "$budget" \
  --unlabeled "$out/U.lst" --teacher "$out/control" --teacher-tta "$tta" --dropout 0 > "$out/student2.log" 2>&1
for m in teacher control student student2; do
  echo "$m: $(./plankton evaluate --model "$out/$m" --data "$out/L.csv" --split validation --json 2>/dev/null \
    | python3 -c "import json,sys; d=json.load(sys.stdin); print('log loss %.4f accuracy %.4f (%d images)' % (d['log_loss'], d['accuracy'], d['images']))")"
done
