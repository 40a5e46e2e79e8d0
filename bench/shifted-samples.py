#!/usr/bin/env python3
"""Draws "samples" of held-out images with class mixes unlike the training data's, for the abundance
benches (bench/prior-shift.sh, bench/count-intervals.sh). Each sample's mix is Dirichlet(ALPHA) over the
classes of the validation predictions CSV (`evaluate --split validation --predictions`: image,label,...);
ALPHA 0 draws from the validation split's own mix (stratified, so the training mix): the no-shift control.
Writes OUT/samples/sNN/ (symbolic links to the images) and OUT/truth.csv with, per sample and class, the
true count and the count the mix implies (images x mix share). Seed 42: the same samples every run.
Usage: bench/shifted-samples.py OUT VALIDATION_CSV SAMPLES IMAGES_PER_SAMPLE ALPHA"""
import csv
import os
import random
import sys
from pathlib import Path

out, val = Path(sys.argv[1]), sys.argv[2]
n_samples, per, alpha = int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
by_class = {}
for r in list(csv.reader(open(val)))[1:]:
    by_class.setdefault(r[1], []).append(r[0])
rnd = random.Random(42)
with open(out / "truth.csv", "w") as t:
    t.write("sample,class,count,mix_count\n")
    for s in range(n_samples):
        g = ({c: rnd.gammavariate(alpha, 1) for c in by_class} if alpha > 0
             else {c: len(v) for c, v in by_class.items()})
        z = sum(g.values())
        d = out / "samples" / f"s{s:02d}"
        d.mkdir(parents=True)
        counts = {}
        for i in range(per):
            u, c = rnd.random() * z, None
            for c, v in g.items():
                u -= v
                if u <= 0:
                    break
            f = rnd.choice(by_class[c])
            os.symlink(os.path.abspath(f), d / f"{i:04d}_{Path(f).name}")
            counts[c] = counts.get(c, 0) + 1
        for c in sorted(by_class):
            t.write(f"{d.name},{c},{counts.get(c, 0)},{per * g[c] / z}\n")
