#!/usr/bin/env python3
"""Writes the model card (Markdown) of an ensemble from the folder and the outputs of bench/release-eval.sh.

Usage: python3 bench/ensemble-card.py ENSEMBLE EVAL_DIR [WORK_DIR [NOTES.md]] > ENSEMBLE/MODEL_CARD.md
  EVAL_DIR: release-eval.sh's output for the ensemble (default, uncalibrated, tta8-geometric, tta8 JSON;
            per-class.csv; bootstrap.txt, the paired bootstraps against the default model)
  WORK_DIR: bench/release-ensemble.sh's folder (member-fp16.NAME.txt, fit-sets.txt), when at hand
  NOTES.md: Markdown added as the card's "Notes" section (what the figures mean, measured elsewhere)
Every figure is read from those files, so rerunning bench/release-ensemble.sh reproduces the card.
"""
import csv
import json
import sys
from pathlib import Path

ens, evals = Path(sys.argv[1]), Path(sys.argv[2])
work = Path(sys.argv[3]) if len(sys.argv) > 3 else None
notes = Path(sys.argv[4]) if len(sys.argv) > 4 else None
spec = json.loads((ens / "ensemble.json").read_text())
metrics = json.loads((ens / "metrics.json").read_text())
ev = {p.stem: json.loads(p.read_text()) for p in evals.glob("*.json")}
classes = (ens / "classes.txt").read_text().split()
TARGET = 0.63  # issue 17: an ensemble at validation log loss <= 0.63


def member_facts(i, folder):
    d = ens / folder
    manifest = json.loads((d / "manifest.json").read_text())
    prov = json.loads((d / "provenance.json").read_text())
    cal = json.loads((d / "calibration.json").read_text())
    arch = manifest["architecture"]
    tc = prov["train_config"]
    return {
        "folder": folder,
        "source": Path(spec["sources"][i]).name if i < len(spec.get("sources", [])) else folder,
        "weight": spec["weights"][i],
        "size": manifest["preprocess"]["image_size"],
        "stages": arch["stages"],
        "dense": arch["denseUnits"],
        "size_features": arch.get("sizeFeatures", False),
        "train_seed": tc.get("trainSeed"),
        "cpu_hours": tc.get("cpuBudgetSeconds", 0) / 3600,
        "epoch": prov.get("epoch"),
        "temperature": cal.get("temperature"),
        "tta_temperature": cal.get("tta", {}).get("8g"),
        "weights_mb": (d / manifest["weights_file"]).stat().st_size / 1e6,
        "domain": (d / "domain.json").exists(),
        "split": (prov["split_seed"], prov["validation_fraction"], prov["train_images"], prov["validation_images"]),
        "commit": prov.get("git_commit", "")[:12],
    }


members = [member_facts(i, f) for i, f in enumerate(spec["members"])]
alone = {Path(m["model"]).name: m for m in metrics.get("members", [])}
d, g = ev["default"], ev["tta8-geometric"]
boot = (evals / "bootstrap.txt").read_text().strip().splitlines() if (evals / "bootstrap.txt").exists() else []
total_mb = sum(p.stat().st_size for p in ens.rglob("*") if p.is_file() and p.name != "MODEL_CARD.md") / 1e6
cpu = sum(m["cpu_hours"] for m in members)
best = min(d["log_loss"], g["log_loss"])
out = []
w = out.append
w(f"# Model card: `{ens.name}`, an ensemble of {len(members)} plankton classifiers for ISIIS images (NDSB, "
  f"{len(classes)} classes)")
w("")
linked = json.loads((ens / "ensemble.json").read_text()).get("linked", {})
w(f"Bundled with plankton beside the default model `ndsb-v6`, which is its first member"
  + (" (linked in place, pinned by the checksums of its weights and calibration, not copied)" if linked else "")
  + ": use it with "
  f"`--model models/{ens.name}` where the best probabilities are worth {len(members)} network passes per image "
  f"(per view). Its members' probabilities (each calibrated with its own temperature) are averaged with the "
  f"weights below.")
w("")
w("## At a glance")
w("")
w(f"- Validation log loss **{d['log_loss']:.4f}**, accuracy **{d['accuracy']:.4f}**, top-5 accuracy "
  f"{d['top5_accuracy']:.4f}, expected calibration error {d['expected_calibration_error']:.4f} with the default "
  f"inference settings, on {d['images']:,} held-out images; with `--tta 8 --tta-geometric` "
  f"**{g['log_loss']:.4f}**, accuracy {g['accuracy']:.4f}, ECE {g['expected_calibration_error']:.4f}.")
cf = metrics.get("cross_fitted")
if cf:
    w(f"- The weights were fitted on the same validation images; the held-out estimate (weights fitted on one "
      f"half, scored on the other, both ways) is log loss {cf['log_loss']:.4f}, accuracy {cf['accuracy']:.4f}.")
for line in boot:
    w(f"- Paired bootstrap against `ndsb-v6` alone (1000 resamples of the images), {line}")
w(f"- Training: {cpu:.1f} CPU-hours in all (process CPU budgets of the members, 2 cores, AMD Zen 5, no GPU).")
w(f"- The target of issue 17 for an ensemble is log loss <= {TARGET}: **{'met' if best <= TARGET else 'not met'}** "
  f"(best setting {best:.4f}).")
w("")
w("## Members")
w("")
w("| member | from | input | network | train seed | CPU-hours | epoch kept | weight | alone: log loss / accuracy | "
  "temperature (TTA 8g) | float16 weights |")
w("|---|---|---|---|---|---|---|---|---|---|---|")
for m in members:
    a = alone.get(m["source"]) or next((v for k, v in alone.items() if k.endswith(m["source"])), None)
    perf = f"{a['log_loss']:.4f} / {a['accuracy']:.4f}" if a else ""
    stages = " \\| ".join("-".join(str(c) for c in s) for s in m["stages"])
    net = f"VGG-BN {stages}, dense {m['dense']}"
    net += ", size features" if m["size_features"] else ""
    tta = f" ({m['tta_temperature']:.3f})" if m["tta_temperature"] else ""
    w(f"| `{m['folder']}` | `{m['source']}` | {m['size']} px | {net} | {m['train_seed']} | {m['cpu_hours']:.1f} | "
      f"{m['epoch']} | {m['weight']:.3f} | {perf} | {m['temperature']:.3f}{tta} | {m['weights_mb']:.1f} MB |")
w("")
splits = {m["split"] for m in members}
if len(splits) == 1:
    seed, frac, ntrain, nval = splits.pop()
    w(f"Every member was trained on the same {ntrain:,} images and held out the same {nval:,} (stratified, "
      f"{frac:.0%}, seed {seed}), so the validation figures above are on images no member saw; `ndsb-v6`'s card "
      f"(`{members[0]['folder']}/MODEL_CARD.md`) describes the data, preprocessing and training recipe they share. "
      f"They differ in input size (and seed): a second 64 px run of the same network blended to only a third of "
      f"what the 80 px member bought (docs/results.md, \"A diverse member\").")
    w("")
for f in sorted(work.glob("member-fp16.*.txt")) if work else []:
    name = f.name[len("member-fp16."):-len(".txt")]
    w(f"Stored as float16, member `{name}`'s validation figures moved as follows (float32 vs float16, "
      f"{f.read_text().strip().split(': ', 1)[1]}).")
    w("")
w("## Validation metrics")
w("")
w("| setting | log loss | accuracy | top-5 | ECE |")
w("|---|---|---|---|---|")
for name, label in [("default", "calibrated (default)"), ("uncalibrated", "`--no-calibration`"),
                    ("tta8", "`--tta 8`"), ("tta8-geometric", "`--tta 8 --tta-geometric`")]:
    if name in ev:
        e = ev[name]
        w(f"| {label} | {e['log_loss']:.4f} | {e['accuracy']:.4f} | {e['top5_accuracy']:.4f} | "
          f"{e['expected_calibration_error']:.4f} |")
w("")
w("The blend weights were fitted without test-time augmentation and are used as they are with it; each member "
  "applies its own 8-view temperature under `--tta 8 --tta-geometric`.")
w("")
pc = evals / "per-class.csv"
if pc.exists():
    every = list(csv.DictReader(pc.open()))
    rows = sorted((r for r in every if int(r["support"]) >= 10), key=lambda r: float(r["f1"]))
    w("## Weakest classes with at least 10 validation images (default settings, by F1)")
    w("")
    w("| class | support | precision | recall | F1 |")
    w("|---|---|---|---|---|")
    for r in rows[:12]:
        w(f"| {r['class']} | {r['support']} | {float(r['precision']):.3f} | {float(r['recall']):.3f} | "
          f"{float(r['f1']):.3f} |")
    w("")
    w(f"All {len(every)} classes: `per-class.csv` of `bench/release-eval.sh`; `ndsb-v6`'s card lists its own.")
    w("")
if notes:
    w("## Notes")
    w("")
    w(notes.read_text().strip())
    w("")
w("## Storage, engines and trust")
w("")
w(f"- {total_mb:.1f} MB in its own folder: float16 weights, no model.onnx of its own"
  + (f" ({', '.join(linked)} is linked, so it is stored once in the repository; the ensemble is valid only beside it, "
     "and `./plankton convert --weights float16 --model ENSEMBLE --out DIR` writes a self-contained copy)" if linked else "")
  + ". The onnx engine (the default) exports a member without model.onnx in memory when it loads it, and "
  f"`./plankton export-onnx --model models/{ens.name} --out FILE` writes one ONNX graph of the whole blend for other runtimes.")
w(f"- Out-of-domain scores (`classify --details`, `domain-check`, the server, Spark) come from the first member's "
  f"domain model on its own features, computed in the same pass: whether an image resembles the training images "
  f"does not depend on the blend. {'The first member has one.' if members[0]['domain'] else 'The first member has none, so there are no scores.'}")
sets_line = None
if work and (work / "fit-sets.txt").exists():
    sets_line = next((l.strip() for l in (work / "fit-sets.txt").read_text().splitlines()
                      if l.startswith("prediction sets")), None)
if (ens / "conformal.json").exists():
    w("- Conformal prediction sets and per-class reject thresholds fitted on the blend's probabilities over the "
      "validation split (`fit-sets`, stored in the ensemble's own conformal.json): `classify --details` fills its "
      "prediction_set and accepted columns with the default settings (not with TTA, whose means they were not fitted "
      "on)" + (f"; {sets_line}." if sets_line else "."))
else:
    w("- No conformal prediction sets: run `./plankton fit-sets --model ENSEMBLE --data DIR` to fit them on the blend.")
w("")
w("## Intended use and limits")
w("")
pixels = " + ".join(f"{(m['size'] / members[0]['size']) ** 2:.2f}" for m in members)
w("As `ndsb-v6`'s: segmented ISIIS shadowgraph images like the NDSB training set. Images from other instruments "
  "are out of its domain (flagged by the out-of-domain scores); fine-tune a model on them instead. It costs "
  f"{len(members)} network passes per image ({pixels} times the first member's pixels).")
w("")
w("## Reproduce")
w("")
w("```")
runs = [m["source"] for m in members[1:]]
for m in members[1:]:
    w(f"bench/member-deep{m['size']}.sh runs/{m['source']}    # a member, {m['cpu_hours']:.1f} CPU-hours")
w(f"bench/release-ensemble.sh {' '.join('runs/' + r for r in runs)}    # float16, TTA temperatures, ensemble, "
  "sets, eval, card")
w("```")
print("\n".join(out))
