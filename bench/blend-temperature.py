#!/usr/bin/env python3
"""Would one temperature on an ensemble's blended probabilities help? Fits T (softmax(log p / T), grid
0.60-1.30) on per-image predictions (`evaluate --predictions FILE`, e.g. an ensemble's from
bench/release-eval.sh) and reports log loss and expected calibration error (15 equal-width confidence
bins, as `evaluate`) before and after, with a held-out estimate (T fitted on one half, scored on the
other, both ways; mean of 5 random splits, seed 1).

Usage: python3 bench/blend-temperature.py PREDICTIONS.csv
Why: averaging calibrated members (a linear pool) spreads probability, so a blend of calibrated
members tends to be under-confident; T < 1 sharpens it.
"""
import csv
import sys

import numpy as np

GRID = np.arange(0.60, 1.30, 0.01)


def load(path):
    with open(path, newline="") as f:
        rows = csv.reader(f)
        classes = next(rows)[2:]
        p, y = [], []
        for r in rows:
            p.append([float(x) for x in r[2:]])
            y.append(classes.index(r[1]))
    p = np.array(p)
    return p / p.sum(1, keepdims=True), np.array(y)


def log_loss(p, y):
    return float(-np.mean(np.log(np.clip(p[np.arange(len(y)), y], 1e-15, 1 - 1e-15))))


def ece(p, y, bins=15):
    conf, right = p.max(1), p.argmax(1) == y
    total = 0.0
    for i in range(bins):
        m = (conf > i / bins) & (conf <= (i + 1) / bins)
        if m.any():
            total += m.mean() * abs(right[m].mean() - conf[m].mean())
    return float(total)


def scale(p, t):
    z = np.log(np.clip(p, 1e-15, 1)) / t
    z -= z.max(1, keepdims=True)
    q = np.exp(z)
    return q / q.sum(1, keepdims=True)


def fit(p, y):
    return min(GRID, key=lambda t: log_loss(scale(p, t), y))


p, y = load(sys.argv[1])
t = fit(p, y)
print(f"as is: log loss {log_loss(p, y):.4f}, ECE {ece(p, y):.4f} ({len(y)} images)")
print(f"T = {t:.2f}: log loss {log_loss(scale(p, t), y):.4f}, ECE {ece(scale(p, t), y):.4f} (fitted on these images)")
rng = np.random.default_rng(1)
held = []
for _ in range(5):
    idx = rng.permutation(len(y))
    a, b = idx[: len(y) // 2], idx[len(y) // 2:]
    loss = sum(log_loss(scale(p[g], fit(p[f], y[f])), y[g]) * len(g) for f, g in ((a, b), (b, a)))
    held.append(loss / len(y))
print(f"held out (2-fold, 5 splits): log loss {np.mean(held):.4f}")
