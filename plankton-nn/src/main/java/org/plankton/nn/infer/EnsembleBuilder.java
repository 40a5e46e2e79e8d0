package org.plankton.nn.infer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plankton.core.bundle.BundleException;
import org.plankton.core.bundle.EnsembleBundle;
import org.plankton.core.data.ClassList;
import org.plankton.core.ensemble.EnsembleWeights;
import org.plankton.core.image.GrayImage;
import org.plankton.core.metrics.Evaluation;

/**
 * Builds an ensemble: every member predicts the labelled validation images (with its own
 * preprocessing and calibration), blend weights are fitted to minimise their log loss, and the
 * ensemble folder is written with the members copied in.
 *
 * @param weights one per member, summing to 1
 * @param members each member's validation metrics
 * @param blend   the ensemble's validation metrics (with the fitted weights, on the same images:
 *                optimistic, since the weights saw these labels)
 * @param crossFitted the honest estimate: each image blended with weights fitted on the other half
 *                of the images (2-fold), so no image scores weights that saw its label
 * @param uniform the plain mean of the members (nothing fitted)
 */
public record EnsembleBuilder(double[] weights, List<Evaluation> members, Evaluation blend, Evaluation crossFitted,
                              Evaluation uniform) {

    public static EnsembleBuilder build(List<Path> models, List<GrayImage> images, int[] labels, Path out)
            throws IOException, BundleException {
        return build(models, images, labels, out, org.plankton.core.bundle.EnsembleLayout.of(models));
    }

    /** As {@link #build(List, List, int[], Path)}, the folder laid out as {@code layout} says (links, ONNX). */
    public static EnsembleBuilder build(List<Path> models, List<GrayImage> images, int[] labels, Path out,
                                        org.plankton.core.bundle.EnsembleLayout layout)
            throws IOException, BundleException {
        if (models.size() < 2) {
            throw new IllegalArgumentException("an ensemble needs at least 2 models, got " + models.size());
        }
        List<float[][]> probs = new ArrayList<>();
        List<Evaluation> evals = new ArrayList<>();
        ClassList classes = null;
        for (Path m : models) {
            try (Classifier c = Classifier.load(m)) {
                if (classes != null && !classes.equals(c.classes())) {
                    throw new IllegalArgumentException("ensemble members must share one class list; " + m
                            + " differs from " + models.get(0));
                }
                classes = c.classes();
                float[][] p = c.predict(images);
                probs.add(p);
                evals.add(Evaluation.of(p, labels, classes));
            }
        }
        double[] w = EnsembleWeights.fit(probs, labels);
        Evaluation blend = Evaluation.of(blend(probs, w), labels, classes);
        double[] equal = new double[models.size()];
        java.util.Arrays.fill(equal, 1.0 / models.size());
        Evaluation uniform = Evaluation.of(blend(probs, equal), labels, classes);
        Evaluation crossFitted = Evaluation.of(crossFitted(probs, labels, 42L), labels, classes);
        Map<String, Object> metrics = new LinkedHashMap<>(blend.summary());
        metrics.put("split", "validation (the weights were fitted on these images)");
        metrics.put("cross_fitted", crossFitted.summary());
        metrics.put("uniform_weights", uniform.summary());
        List<Map<String, Object>> memberMetrics = new ArrayList<>();
        for (int k = 0; k < models.size(); k++) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("model", models.get(k).toString());
            mm.put("weight", w[k]);
            mm.putAll(evals.get(k).summary());
            memberMetrics.add(mm);
        }
        metrics.put("members", memberMetrics);
        EnsembleBundle.write(out, models, w, metrics, layout);
        return new EnsembleBuilder(w, evals, blend, crossFitted, uniform);
    }

    static float[][] blend(List<float[][]> probs, double[] weights) {
        float[][] blended = new float[probs.get(0).length][];
        for (int i = 0; i < blended.length; i++) {
            List<float[]> row = new ArrayList<>(probs.size());
            for (float[][] p : probs) {
                row.add(p[i]);
            }
            blended[i] = EnsembleWeights.blend(row, weights);
        }
        return blended;
    }

    /**
     * 2-fold cross-fitting: the images are shuffled (seeded) into two halves; each half is blended
     * with the weights fitted on the other. The in-sample blend lets the weights see the labels they
     * are scored on; with a few members the bias is small, but this says how small.
     */
    static float[][] crossFitted(List<float[][]> probs, int[] labels, long seed) {
        int n = labels.length;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new java.util.Random(seed));
        float[][] out = new float[n][];
        for (int fold = 0; fold < 2; fold++) {
            List<Integer> fit = new ArrayList<>();
            List<Integer> score = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                (k % 2 == fold ? score : fit).add(order.get(k));
            }
            double[] w = EnsembleWeights.fit(rows(probs, fit), fit.stream().mapToInt(i -> labels[i]).toArray());
            float[][] blended = blend(rows(probs, score), w);
            for (int k = 0; k < score.size(); k++) {
                out[score.get(k)] = blended[k];
            }
        }
        return out;
    }

    private static List<float[][]> rows(List<float[][]> probs, List<Integer> idx) {
        List<float[][]> out = new ArrayList<>(probs.size());
        for (float[][] p : probs) {
            float[][] part = new float[idx.size()][];
            for (int k = 0; k < idx.size(); k++) {
                part[k] = p[idx.get(k)];
            }
            out.add(part);
        }
        return out;
    }
}
