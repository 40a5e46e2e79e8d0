#!/usr/bin/env python3
"""Is model B really better than model A on the same images? A paired bootstrap of the difference
in log loss and accuracy, from two `./plankton evaluate --predictions FILE` outputs.

Usage: python3 bench/paired-bootstrap.py A.csv B.csv [RESAMPLES]
Both files must score the same images (rows are matched by image path). Per image, the log loss
is -log(p of the true class), clipped to [1e-15, 1 - 1e-15] after renormalising the row (Kaggle's
rule, as in `evaluate`). Resampling images with replacement (seed 1) gives a 95% interval for
B - A; pairing removes the difficulty of the images themselves from the comparison, which is
what makes a difference of 0.01 on 2,583 images measurable at all.
"""
import csv
import math
import random
import sys


def per_image(path):
    out = {}
    with open(path, newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        classes = header[2:]
        for r in rows:
            p = [float(x) for x in r[2:]]
            total = sum(p)
            true = min(max(p[classes.index(r[1])] / total, 1e-15), 1 - 1e-15)
            best = max(range(len(p)), key=p.__getitem__)
            out[r[0]] = (-math.log(true), 1.0 if classes[best] == r[1] else 0.0)
    return out


a, b = per_image(sys.argv[1]), per_image(sys.argv[2])
resamples = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
if set(a) != set(b):
    sys.exit(f"the two files score different images ({len(set(a) ^ set(b))} differ)")
keys = sorted(a)
dl = [b[k][0] - a[k][0] for k in keys]
da = [b[k][1] - a[k][1] for k in keys]
n = len(keys)
rng = random.Random(1)
boot_l, boot_a = [], []
for _ in range(resamples):
    idx = [rng.randrange(n) for _ in range(n)]
    boot_l.append(sum(dl[i] for i in idx) / n)
    boot_a.append(sum(da[i] for i in idx) / n)
boot_l.sort(); boot_a.sort()
lo, hi = int(0.025 * resamples), int(0.975 * resamples) - 1
mean_a = sum(v[0] for v in a.values()) / n
mean_b = sum(v[0] for v in b.values()) / n
print(f"{n} images; log loss A {mean_a:.4f}, B {mean_b:.4f}; B - A {sum(dl) / n:+.4f} "
      f"(95% interval {boot_l[lo]:+.4f} .. {boot_l[hi]:+.4f}); accuracy B - A {sum(da) / n:+.4f} "
      f"({boot_a[lo]:+.4f} .. {boot_a[hi]:+.4f}); B better in {sum(x < 0 for x in boot_l) / resamples:.1%} of resamples")
