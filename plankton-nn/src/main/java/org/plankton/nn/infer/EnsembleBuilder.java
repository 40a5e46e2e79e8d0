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
 * @param blend   the ensemble's validation metrics (with the fitted weights, on the same images)
 */
public record EnsembleBuilder(double[] weights, List<Evaluation> members, Evaluation blend) {

    public static EnsembleBuilder build(List<Path> models, List<GrayImage> images, int[] labels, Path out)
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
        float[][] blended = new float[images.size()][];
        for (int i = 0; i < blended.length; i++) {
            List<float[]> row = new ArrayList<>();
            for (float[][] p : probs) {
                row.add(p[i]);
            }
            blended[i] = EnsembleWeights.blend(row, w);
        }
        Evaluation blend = Evaluation.of(blended, labels, classes);
        Map<String, Object> metrics = new LinkedHashMap<>(blend.summary());
        metrics.put("split", "validation (the weights were fitted on these images)");
        List<Map<String, Object>> memberMetrics = new ArrayList<>();
        for (int k = 0; k < models.size(); k++) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("model", models.get(k).toString());
            mm.put("weight", w[k]);
            mm.putAll(evals.get(k).summary());
            memberMetrics.add(mm);
        }
        metrics.put("members", memberMetrics);
        EnsembleBundle.write(out, models, w, metrics);
        return new EnsembleBuilder(w, evals, blend);
    }
}
