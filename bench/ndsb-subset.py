#!/usr/bin/env python3
"""Copies N images of a class-per-folder data set into DST, round-robin over the sorted class folders
(sorted files within each), so that a bench run reads every class and always the same files.
Usage: bench/ndsb-subset.py DATA DST N"""
import os
import shutil
import sys

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
