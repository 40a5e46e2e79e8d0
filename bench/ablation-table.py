#!/usr/bin/env python3
"""Markdown table of bench/ablation.sh rows: python3 bench/ablation-table.py OUTDIR BUDGET ROW..."""
import json
import re
import sys
from pathlib import Path

out, budget, rows = Path(sys.argv[1]), sys.argv[2], sys.argv[3:]
# each row's train flags, read from the case statement of bench/ablation.sh (one source of truth)
script = (Path(__file__).parent / "ablation.sh").read_text()
flags = dict(re.findall(r'^\s+([\w-]+)\)\s+echo "([^"]*)"', script, re.M))
print(f"| row | train flags (rerun: `bench/ablation.sh {budget} ROW`) | val log loss | with TTA 8 (geom.) | accuracy | epochs | train img/s | CPU-min | wall min |")
print("|---|---|---|---|---|---|---|---|---|")
for row in rows:
    m = out / row
    f = f"`{flags[row]}`" if flags.get(row) else "(defaults)"
    try:
        ev = json.loads((out / f"{row}.eval.json").read_text())
        tta = json.loads((out / f"{row}.tta8g.json").read_text())
        metrics = json.loads((m / "metrics.json").read_text())
        t = (out / f"{row}.time").read_text().split()
    except (OSError, ValueError) as e:
        print(f"| {row} | {f} | not run yet | | | | | | |")
        continue
    cpu = (float(t[1]) + float(t[2])) / 60
    wall = float(t[4]) / 60
    hist = metrics["history"]
    ips = sum(h["imagesPerSecond"] * h["seconds"] for h in hist) / max(1e-9, sum(h["seconds"] for h in hist))
    print(f"| {row} | {f} | "
          f"{ev['log_loss']:.4f} | {tta['log_loss']:.4f} | {ev['accuracy']:.4f} | {len(hist)} | {ips:.0f} | {cpu:.1f} | {wall:.1f} |")
