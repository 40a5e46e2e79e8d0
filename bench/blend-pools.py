#!/usr/bin/env python3
"""How should ensemble members be pooled? From per-image predictions of each member on the same images
(`./plankton evaluate --predictions FILE`, e.g. the files bench/release-eval.sh writes), compare:

  arithmetic  sum_m w_m p_m, weights on the simplex (what `plankton ensemble` does)
  geometric   softmax(sum_m w_m log p_m), weights free and unnormalised, so they also act as a temperature
              (log-linear pooling; one network's TTA views are pooled this way, --tta-geometric)

Each pool's weights are fitted to minimise log loss on all images ("fitted", optimistic) and by 2-fold
cross-fitting over a seeded random split, repeated over 5 splits ("held out": each image scored by
weights fitted on the other half). Singles are each member as given. Diversity, per pair of members:
how often their top-1 classes differ, and the correlation of their per-image log losses (1: the same
images are hard for both, nothing for a blend to average out). Log loss as in `evaluate`:
rows renormalised, clipped to [1e-15, 1 - 1e-15].

Usage: python3 bench/blend-pools.py [--out BLEND.csv] NAME=A.csv NAME=B.csv [...]
  --out: write the fitted arithmetic blend's per-image probabilities in the same format (the input of
  bench/paired-bootstrap.py), i.e. what `ensemble` with these members would predict
"""
import csv
import sys

import numpy as np
from scipy.optimize import minimize

EPS = 1e-15


def load(path):
    with open(path, newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        classes = header[2:]
        images, labels, probs = [], [], []
        for r in rows:
            images.append(r[0])
            labels.append(classes.index(r[1]))
            probs.append([float(x) for x in r[2:]])
    order = np.argsort(images)
    return [images[i] for i in order], np.array(labels)[order], np.array(probs)[order], classes


def log_loss(p, y):
    p = p / p.sum(axis=1, keepdims=True)
    return float(-np.mean(np.log(np.clip(p[np.arange(len(y)), y], EPS, 1 - EPS))))


def accuracy(p, y):
    return float(np.mean(p.argmax(axis=1) == y))


def arithmetic(w, logs):
    w = np.exp(w - w.max())
    w = w / w.sum()
    return np.tensordot(w, np.exp(logs), axes=1)


def geometric(w, logs):
    z = np.tensordot(w, logs, axes=1)
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit(pool, start, logs, y):
    res = minimize(lambda w: log_loss(pool(w, logs), y), start, method="Nelder-Mead",
                   options={"xatol": 1e-4, "fatol": 1e-7, "maxiter": 4000})
    return res.x


def held_out(pool, start, logs, y, splits=5):
    losses = []
    for seed in range(splits):
        half = np.random.default_rng(seed).permutation(len(y)) < len(y) // 2
        p = np.empty((len(y), logs.shape[2]))
        for train in (half, ~half):
            w = fit(pool, start, logs[:, train], y[train])
            p[~train] = pool(w, logs[:, ~train])
        losses.append(log_loss(p, y))
    return float(np.mean(losses)), float(np.std(losses))


def write(path, images, labels, classes, p):
    with open(path, "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["image", "label"] + classes)
        for image, label, row in zip(images, labels, p):
            out.writerow([image, classes[label]] + [repr(float(x)) for x in row])


def main(args):
    out_path = None
    if args and args[0] == "--out":
        out_path, args = args[1], args[2:]
    names, logs, y0, images0, classes0 = [], [], None, None, None
    for a in args:
        name, path = a.split("=", 1)
        images, y, p, classes = load(path)
        if images0 is None:
            images0, y0, classes0 = images, y, classes
        elif images != images0 or classes != classes0:
            sys.exit(f"{path}: not the same images and classes as the first file")
        names.append(name)
        logs.append(np.log(np.clip(p / p.sum(axis=1, keepdims=True), EPS, 1.0)))
    logs = np.stack(logs)
    m = len(names)
    print(f"{len(y0)} images, members: {', '.join(names)}")
    for i, n in enumerate(names):
        p = np.exp(logs[i])
        print(f"  single {n:<24} log loss {log_loss(p, y0):.4f}  accuracy {accuracy(p, y0):.4f}")
    loss = -logs[:, np.arange(len(y0)), y0]
    for i in range(m):
        for j in range(i + 1, m):
            differ = np.mean(logs[i].argmax(axis=1) != logs[j].argmax(axis=1))
            corr = np.corrcoef(loss[i], loss[j])[0, 1]
            print(f"  pair {names[i]} / {names[j]}: top-1 differs on {differ:.1%}, log loss correlation {corr:.3f}")
    for label, pool, start in (("arithmetic", arithmetic, np.zeros(m)),
                               ("geometric", geometric, np.full(m, 1.0 / m))):
        w = fit(pool, start, logs, y0)
        p = pool(w, logs)
        shown = np.exp(w - w.max()) / np.exp(w - w.max()).sum() if pool is arithmetic else w
        mean, sd = held_out(pool, start, logs, y0)
        print(f"  {label:<10} weights {np.array2string(shown, precision=3)}  fitted log loss {log_loss(p, y0):.4f}"
              f"  accuracy {accuracy(p, y0):.4f}  held out {mean:.4f} (sd {sd:.4f} over 5 splits)")
        if out_path and pool is arithmetic:
            write(out_path, images0, y0, classes0, p)


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1:])
