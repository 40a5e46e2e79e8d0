package org.plankton.nn.train;

import java.util.Random;

/**
 * Mixup (Zhang et al. 2018): a batch is blended with a shuffled copy of itself,
 * {@code x = l*x_i + (1-l)*x_j} and the same for the targets, with one {@code l ~ Beta(a, a)} per
 * batch. Not in the 2015 recipe; one of the "what has changed since" ingredients to measure.
 */
final class Mixup {

    private Mixup() {
    }

    /** Blends in place: {@code pixels} is n x plane, {@code targets} n x classes (probabilities). */
    static double blend(float[] pixels, float[] targets, int n, int plane, int classes, float alpha, Random rnd) {
        double lambda = beta(alpha, rnd);
        int[] partner = Shuffle.permutation(n, rnd);
        float[] px = pixels.clone();
        float[] ty = targets.clone();
        float l = (float) lambda;
        for (int i = 0; i < n; i++) {
            int j = partner[i];
            for (int k = 0; k < plane; k++) {
                pixels[i * plane + k] = l * px[i * plane + k] + (1 - l) * px[j * plane + k];
            }
            for (int c = 0; c < classes; c++) {
                targets[i * classes + c] = l * ty[i * classes + c] + (1 - l) * ty[j * classes + c];
            }
        }
        return lambda;
    }

    /** Beta(a, a) as G1 / (G1 + G2) with Gamma(a) draws. */
    static double beta(double a, Random rnd) {
        double x = gamma(a, rnd);
        double y = gamma(a, rnd);
        return x + y == 0 ? 0.5 : x / (x + y);
    }

    /** Marsaglia-Tsang; for shape < 1, Gamma(a) = Gamma(a + 1) * U^(1/a). */
    static double gamma(double shape, Random rnd) {
        if (shape < 1) {
            return gamma(shape + 1, rnd) * Math.pow(rnd.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = rnd.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rnd.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
