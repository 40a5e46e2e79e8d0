package org.plankton.core.output;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * 95% percentile-bootstrap intervals of a sample's per-class counts: the sample's images are drawn
 * with replacement {@link #RESAMPLES} times (a fixed seed per sample name, so a rerun writes the same
 * file), and each class's count (images whose top class it is) and expected count (sum of its
 * probabilities) are recomputed per draw. The interval says how much the counts would move had the
 * sample caught other individuals of the same water: sampling noise only. It does not widen for
 * the classifier's own confusions (a class the model systematically misses stays too low, interval
 * and all); docs/results.md measures how often it covers the true count.
 *
 * @param countLow    per class
 * @param countHigh   per class
 * @param expectedLow per class
 * @param expectedHigh per class
 */
public record CountIntervals(double[] countLow, double[] countHigh, double[] expectedLow, double[] expectedHigh) {

    public static final int RESAMPLES = 1000;
    static final long SEED = 18;

    public static CountIntervals bootstrap(List<float[]> probabilities, int classes, String sampleName) {
        int n = probabilities.size();
        int[] top = new int[n];
        for (int i = 0; i < n; i++) {
            float[] p = probabilities.get(i);
            for (int c = 1; c < classes; c++) {
                top[i] = p[c] > p[top[i]] ? c : top[i];
            }
        }
        double[][] counts = new double[classes][RESAMPLES];
        double[][] expected = new double[classes][RESAMPLES];
        Random random = new Random(SEED ^ sampleName.hashCode());
        double[] e = new double[classes];
        for (int b = 0; b < RESAMPLES; b++) {
            Arrays.fill(e, 0);
            for (int k = 0; k < n; k++) {
                int i = random.nextInt(n);
                counts[top[i]][b]++;
                float[] p = probabilities.get(i);
                for (int c = 0; c < classes; c++) {
                    e[c] += p[c];
                }
            }
            for (int c = 0; c < classes; c++) {
                expected[c][b] = e[c];
            }
        }
        double[][] out = new double[4][classes];
        for (int c = 0; c < classes; c++) {
            Arrays.sort(counts[c]);
            Arrays.sort(expected[c]);
            out[0][c] = percentile(counts[c], 0.025);
            out[1][c] = percentile(counts[c], 0.975);
            out[2][c] = percentile(expected[c], 0.025);
            out[3][c] = percentile(expected[c], 0.975);
        }
        return new CountIntervals(out[0], out[1], out[2], out[3]);
    }

    /**
     * The same percentile bootstrap for counts of labels already decided (a reviewed label, else
     * the prediction): {@code labels[i]} is image i's class index. Returns {@code {low, high}} per
     * class. 1000 draws of n indices, without the probability vectors, so a server can afford it
     * per request for samples of up to a few hundred thousand images.
     */
    public static double[][] bootstrapLabels(int[] labels, int classes, String sampleName) {
        int n = labels.length;
        double[][] counts = new double[classes][RESAMPLES];
        Random random = new Random(SEED ^ sampleName.hashCode());
        if (n > 0) {
            for (int b = 0; b < RESAMPLES; b++) {
                for (int k = 0; k < n; k++) {
                    counts[labels[random.nextInt(n)]][b]++;
                }
            }
        }
        double[][] out = new double[2][classes];
        for (int c = 0; c < classes; c++) {
            Arrays.sort(counts[c]);
            out[0][c] = percentile(counts[c], 0.025);
            out[1][c] = percentile(counts[c], 0.975);
        }
        return out;
    }

    /** The sorted values' {@code q} quantile, the nearest rank below (for 1000 draws: the 25th and 975th). */
    static double percentile(double[] sorted, double q) {
        int i = (int) Math.floor(q * sorted.length);
        return sorted[Math.min(Math.max(i, 0), sorted.length - 1)];
    }
}
