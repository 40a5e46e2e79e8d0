package org.plankton.core.calibration;

/**
 * Temperature scaling (Guo et al., 2017): probabilities {@code p} become {@code softmax(log p / T)}.
 * One parameter, fitted on validation data to minimise log loss; it never changes which class is
 * most probable, so accuracy is untouched while over- or under-confidence is corrected.
 *
 * @param temperature {@code T > 0}; 1 leaves probabilities unchanged
 */
public record TemperatureScaling(double temperature) {

    /** File name inside a model bundle. */
    public static final String FILE = "calibration.json";
    private static final double MIN_T = 0.05;
    private static final double MAX_T = 20;

    public TemperatureScaling {
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be positive and finite, got " + temperature);
        }
    }

    public static TemperatureScaling identity() {
        return new TemperatureScaling(1);
    }

    /**
     * The temperature in [0.05, 20] that minimises the mean log loss of the scaled probabilities
     * (golden-section search on log T; the loss is unimodal in it).
     */
    public static TemperatureScaling fit(float[][] probs, int[] labels) {
        if (probs.length == 0 || probs.length != labels.length) {
            throw new IllegalArgumentException("need as many labels as rows (> 0), got " + probs.length + " rows and "
                    + labels.length + " labels");
        }
        double lo = Math.log(MIN_T);
        double hi = Math.log(MAX_T);
        double g = (Math.sqrt(5) - 1) / 2;
        double a = hi - g * (hi - lo);
        double b = lo + g * (hi - lo);
        double fa = logLoss(probs, labels, Math.exp(a));
        double fb = logLoss(probs, labels, Math.exp(b));
        for (int i = 0; i < 60; i++) {
            if (fa < fb) {
                hi = b;
                b = a;
                fb = fa;
                a = hi - g * (hi - lo);
                fa = logLoss(probs, labels, Math.exp(a));
            } else {
                lo = a;
                a = b;
                fa = fb;
                b = lo + g * (hi - lo);
                fb = logLoss(probs, labels, Math.exp(b));
            }
        }
        return new TemperatureScaling(Math.exp((lo + hi) / 2));
    }

    /** Scaled copy of one probability vector. */
    public float[] apply(float[] p) {
        float[] out = new float[p.length];
        if (temperature == 1) {
            System.arraycopy(p, 0, out, 0, p.length);
            return out;
        }
        double[] z = new double[p.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < p.length; i++) {
            z[i] = Math.log(Math.max(p[i], 1e-30)) / temperature;
            max = Math.max(max, z[i]);
        }
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            z[i] = Math.exp(z[i] - max);
            sum += z[i];
        }
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) (z[i] / sum);
        }
        return out;
    }

    /** Mean negative log probability of the true class after scaling by {@code t}. */
    static double logLoss(float[][] probs, int[] labels, double t) {
        double total = 0;
        for (int r = 0; r < probs.length; r++) {
            float[] p = probs[r];
            double max = Double.NEGATIVE_INFINITY;
            for (float v : p) {
                max = Math.max(max, Math.log(Math.max(v, 1e-30)) / t);
            }
            double sum = 0;
            for (float v : p) {
                sum += Math.exp(Math.log(Math.max(v, 1e-30)) / t - max);
            }
            double logTrue = Math.log(Math.max(p[labels[r]], 1e-30)) / t - max - Math.log(sum);
            total -= Math.max(logTrue, Math.log(1e-15));
        }
        return total / probs.length;
    }
}
