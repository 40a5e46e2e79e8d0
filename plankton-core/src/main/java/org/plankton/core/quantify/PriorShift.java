package org.plankton.core.quantify;

import java.util.List;

/**
 * A sample's class proportions under prior shift, by the EM algorithm of Saerens, Latinne and
 * Decaestecker (2002, "Adjusting the outputs of a classifier to new a priori probabilities").
 *
 * <p>A calibrated classifier's probability {@code p(c|x)} embeds the training priors {@code pi(c)}.
 * If a sample's true mix is {@code q(c)}, Bayes' rule gives the sample's posteriors as
 * {@code p(c|x) q(c)/pi(c)}, renormalised. EM alternates: posteriors from the current {@code q},
 * then {@code q} = their mean over the sample, starting from {@code q = pi}; it converges to the
 * maximum-likelihood mix. It assumes only the mix changed, not how each class looks (no new
 * instrument, no unknown taxa), and it needs calibrated probabilities: a model's temperature
 * scaling is applied first.
 *
 * <p>The plain mean of the probabilities (the "expected count") is the first step of the
 * iteration; it is biased towards {@code pi}, the more so the more the classes are confused.
 */
public final class PriorShift {

    /** Stop when no proportion moves by more than this between iterations. */
    static final double TOLERANCE = 1e-7;
    static final int MAX_ITERATIONS = 1000;

    private PriorShift() {
    }

    /**
     * @param proportions the estimated class mix of the sample (sums to 1)
     * @param iterations  EM iterations done
     * @param converged   whether it stopped by tolerance rather than by the iteration limit
     */
    public record Result(double[] proportions, int iterations, boolean converged) {
    }

    /**
     * @param posteriors    the sample's calibrated probabilities, one array per image
     * @param trainPriors   the class mix the model was trained (and calibrated) on; classes with
     *                      prior 0 keep proportion 0
     */
    public static Result estimate(List<float[]> posteriors, double[] trainPriors) {
        int k = trainPriors.length;
        double total = 0;
        for (double p : trainPriors) {
            if (!(p >= 0) || Double.isInfinite(p)) {
                throw new IllegalArgumentException("training priors must be finite and non-negative");
            }
            total += p;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("training priors sum to 0");
        }
        double[] pi = new double[k];
        for (int c = 0; c < k; c++) {
            pi[c] = trainPriors[c] / total;
        }
        if (posteriors.isEmpty()) {
            return new Result(pi.clone(), 0, true);
        }
        double[] q = pi.clone();
        double[] ratio = new double[k];
        double[] next = new double[k];
        for (int it = 1; it <= MAX_ITERATIONS; it++) {
            for (int c = 0; c < k; c++) {
                ratio[c] = pi[c] > 0 ? q[c] / pi[c] : 0;
            }
            java.util.Arrays.fill(next, 0);
            for (float[] p : posteriors) {
                if (p.length != k) {
                    throw new IllegalArgumentException("expected " + k + " probabilities, got " + p.length);
                }
                double z = 0;
                for (int c = 0; c < k; c++) {
                    z += p[c] * ratio[c];
                }
                if (z <= 0) {
                    continue; // all its mass on classes the current mix rules out: no information
                }
                for (int c = 0; c < k; c++) {
                    next[c] += p[c] * ratio[c] / z;
                }
            }
            double sum = 0;
            for (double v : next) {
                sum += v;
            }
            double change = 0;
            for (int c = 0; c < k; c++) {
                double v = sum > 0 ? next[c] / sum : pi[c];
                change = Math.max(change, Math.abs(v - q[c]));
                q[c] = v;
            }
            if (change < TOLERANCE) {
                return new Result(q, it, true);
            }
        }
        return new Result(q, MAX_ITERATIONS, false);
    }
}
