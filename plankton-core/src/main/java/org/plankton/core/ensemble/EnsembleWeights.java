package org.plankton.core.ensemble;

import java.util.List;

/**
 * Ensemble weights {@code w = softmax(v)}, with {@code v} chosen to minimise the log loss of
 * {@code sum_m w_m p_m} on labelled validation data. The softmax keeps the weights positive and
 * summing to one, so the blend is always a probability distribution. The loss is convex in the
 * weights; plain gradient descent on {@code v} converges in a few hundred steps for a handful of
 * models.
 */
public final class EnsembleWeights {

    private static final double FLOOR = 1e-15;

    private EnsembleWeights() {
    }

    /**
     * @param memberProbs one {@code [rows][classes]} matrix per model, rows in the same order
     * @param labels      true class of each row
     * @return one weight per model, positive, summing to 1
     */
    public static double[] fit(List<float[][]> memberProbs, int[] labels) {
        int m = memberProbs.size();
        if (m == 0) {
            throw new IllegalArgumentException("an ensemble needs at least one model");
        }
        int n = labels.length;
        double[][] pTrue = new double[m][n];
        for (int k = 0; k < m; k++) {
            float[][] p = memberProbs.get(k);
            if (p.length != n) {
                throw new IllegalArgumentException("model " + k + " has " + p.length + " rows, expected " + n);
            }
            for (int i = 0; i < n; i++) {
                pTrue[k][i] = p[i][labels[i]];
            }
        }
        double[] v = new double[m];
        double step = 1.0;
        double loss = loss(v, pTrue);
        for (int iter = 0; iter < 2000 && step > 1e-9; iter++) {
            double[] w = softmax(v);
            double[] grad = new double[m];
            for (int i = 0; i < n; i++) {
                double blend = 0;
                for (int k = 0; k < m; k++) {
                    blend += w[k] * pTrue[k][i];
                }
                blend = Math.max(blend, FLOOR);
                for (int k = 0; k < m; k++) {
                    grad[k] -= w[k] * (pTrue[k][i] - blend) / blend / n;
                }
            }
            double[] next = new double[m];
            for (int k = 0; k < m; k++) {
                next[k] = v[k] - step * grad[k];
            }
            double nextLoss = loss(next, pTrue);
            if (nextLoss <= loss) {
                v = next;
                loss = nextLoss;
                step *= 1.2;
            } else {
                step /= 2;
            }
        }
        return softmax(v);
    }

    /** Weighted average of the models' probability vectors for one image. */
    public static float[] blend(List<float[]> probs, double[] weights) {
        int classes = probs.get(0).length;
        float[] out = new float[classes];
        for (int k = 0; k < probs.size(); k++) {
            float[] p = probs.get(k);
            for (int c = 0; c < classes; c++) {
                out[c] += (float) (weights[k] * p[c]);
            }
        }
        return out;
    }

    static double loss(double[] v, double[][] pTrue) {
        double[] w = softmax(v);
        int n = pTrue[0].length;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double blend = 0;
            for (int k = 0; k < w.length; k++) {
                blend += w[k] * pTrue[k][i];
            }
            total -= Math.log(Math.max(blend, FLOOR));
        }
        return total / n;
    }

    static double[] softmax(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        double[] w = new double[v.length];
        double sum = 0;
        for (int k = 0; k < v.length; k++) {
            w[k] = Math.exp(v[k] - max);
            sum += w[k];
        }
        for (int k = 0; k < v.length; k++) {
            w[k] /= sum;
        }
        return w;
    }
}
