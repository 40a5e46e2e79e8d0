package org.plankton.core.conformal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Split-conformal adaptive prediction sets, class-conditional (Mondrian) where a class has at
 * least {@code minClassImages} calibration images and pooled over all classes elsewhere.
 *
 * <p>A class {@code c} is in an image's set when its APS score ({@link Aps#scores}) is at most
 * {@code c}'s threshold. Per-class thresholds give each such class its own coverage guarantee; the
 * pooled one only the average over images, which the common classes dominate. The top class is
 * always in the set: it scores 0 ({@link Aps#scores}), so randomised APS never returns an empty set.
 *
 * @param coverage       the target, e.g. 0.9
 * @param pooled         the threshold fitted on all calibration images
 * @param classThreshold per class, its own threshold, or NaN where it uses the pooled one
 */
public record ConformalSets(double coverage, double pooled, double[] classThreshold) {

    /** A threshold that admits every class. */
    public static final double ALL = 2.0;
    /** Calibration images a class needs for a threshold of its own. */
    public static final int MIN_CLASS_IMAGES = 30;

    public ConformalSets {
        if (!(coverage > 0 && coverage < 1)) {
            throw new IllegalArgumentException("coverage must be in (0, 1), got " + coverage);
        }
        classThreshold = classThreshold.clone();
    }

    public static ConformalSets fit(List<float[]> probabilities, int[] labels, int classes, double coverage,
                                    int minClassImages) {
        if (probabilities.size() != labels.length || labels.length == 0) {
            throw new IllegalArgumentException("need as many labels as probability rows, and at least one");
        }
        double[] all = new double[labels.length];
        List<List<Double>> perClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            perClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            all[i] = Aps.scores(probabilities.get(i))[labels[i]];
            perClass.get(labels[i]).add(all[i]);
        }
        double[] t = new double[classes];
        Arrays.fill(t, Double.NaN);
        for (int c = 0; c < classes; c++) {
            if (perClass.get(c).size() >= minClassImages) {
                t[c] = Aps.quantile(perClass.get(c).stream().mapToDouble(Double::doubleValue).toArray(), coverage);
            }
        }
        return new ConformalSets(coverage, Aps.quantile(all, coverage), t);
    }

    public double threshold(int c) {
        return Double.isNaN(classThreshold[c]) ? pooled : classThreshold[c];
    }

    /** The prediction set, by decreasing probability. */
    public List<Integer> set(float[] p) {
        if (p.length != classThreshold.length) {
            throw new IllegalArgumentException("expected " + classThreshold.length + " probabilities, got " + p.length);
        }
        double[] s = Aps.scores(p);
        List<Integer> set = new ArrayList<>();
        int[] order = Aps.order(p);
        for (int k = 0; k < order.length; k++) {
            int c = order[k];
            if (s[c] <= threshold(c)) { // the top class scores 0: always in
                set.add(c);
            }
        }
        return set;
    }
}
