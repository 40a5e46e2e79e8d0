package org.plankton.core.conformal;

import java.util.ArrayList;
import java.util.List;
import org.plankton.core.metrics.Argmax;

/**
 * A reject option: an image whose top probability is below its top class's threshold is left
 * {@code unclassified}. Each class's threshold maximises that class's F1 on the fitting images
 * (precision of the images assigned to it and kept, recall against all its images), so a class
 * the model confuses often gets a high bar and a clean one a low bar. Classes predicted for fewer
 * than {@link #MIN_PREDICTED} fitting images use one pooled threshold, fitted the same way on all
 * images (precision of kept images, recall against all images).
 *
 * @param pooled         the threshold of classes without one of their own
 * @param classThreshold per class, its threshold, or NaN where it uses the pooled one
 */
public record RejectThresholds(double pooled, double[] classThreshold) {

    public static final int MIN_PREDICTED = 10;

    public RejectThresholds {
        classThreshold = classThreshold.clone();
    }

    /** One threshold for every class. */
    public static RejectThresholds global(double t, int classes) {
        double[] none = new double[classes];
        java.util.Arrays.fill(none, Double.NaN);
        return new RejectThresholds(t, none);
    }

    public static RejectThresholds fit(List<float[]> probabilities, int[] labels, int classes) {
        List<List<double[]>> byTop = new ArrayList<>(); // per predicted class: {top probability, correct}
        for (int c = 0; c < classes; c++) {
            byTop.add(new ArrayList<>());
        }
        int[] support = new int[classes];
        List<double[]> everyone = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            float[] p = probabilities.get(i);
            int top = top(p);
            double[] row = {p[top], top == labels[i] ? 1 : 0};
            byTop.get(top).add(row);
            everyone.add(row);
            support[labels[i]]++;
        }
        double[] t = new double[classes];
        for (int c = 0; c < classes; c++) {
            t[c] = byTop.get(c).size() < MIN_PREDICTED ? Double.NaN : bestF1(byTop.get(c), support[c]);
        }
        return new RejectThresholds(bestF1(everyone, labels.length), t);
    }

    /**
     * The threshold maximising F1 = 2 kept-correct / (kept + support): every candidate is one of
     * the rows' own top probabilities (0 where keeping all is best); ties go to the lower threshold.
     */
    static double bestF1(List<double[]> rows, int support) {
        List<double[]> sorted = new ArrayList<>(rows);
        sorted.sort((a, b) -> Double.compare(b[0], a[0]));
        double best = 0;
        double bestF1 = -1;
        int kept = 0;
        int correct = 0;
        for (int i = 0; i < sorted.size(); i++) {
            kept++;
            correct += (int) sorted.get(i)[1];
            boolean lastOfTies = i + 1 == sorted.size() || sorted.get(i + 1)[0] < sorted.get(i)[0];
            double f1 = 2.0 * correct / (kept + support);
            if (lastOfTies && f1 >= bestF1) {
                bestF1 = f1;
                // keeping every row: 0, not the lowest row's value, so later images are not cut there
                best = i + 1 == sorted.size() ? 0 : sorted.get(i)[0];
            }
        }
        return best;
    }

    public double threshold(int c) {
        return Double.isNaN(classThreshold[c]) ? pooled : classThreshold[c];
    }

    /** Whether the image keeps its top class (false: {@code unclassified}). */
    public boolean accept(float[] p) {
        int top = top(p);
        return p[top] >= threshold(top);
    }

    static int top(float[] p) {
        return Argmax.of(p);
    }
}
