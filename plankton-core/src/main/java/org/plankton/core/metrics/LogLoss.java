package org.plankton.core.metrics;

/**
 * Multi-class logarithmic loss as Kaggle scored the National Data Science Bowl, so that numbers
 * reported here compare with the competition leaderboard:
 * {@code -(1/N) * sum_i ln p(i, true class)}, where each row is first divided by its sum and then
 * each probability is clipped to {@code [EPS, 1 - EPS]}.
 *
 * <p>Order matters and follows Kaggle: normalise, then clip. A row that sums to 0 cannot be
 * normalised; its true-class probability is taken as 0 and clipped to {@code EPS}, costing
 * {@code -ln(1e-15) = 34.5388} — the worst possible score for that image, which is what a model
 * that outputs nothing deserves.
 */
public final class LogLoss {

    /** Clipping bound used by Kaggle. */
    public static final double EPS = 1e-15;

    private LogLoss() {
    }

    /** Mean log loss over all rows; see the class comment for the exact definition. */
    public static double of(float[][] probs, int[] labels) {
        ProbabilityRows.validate(probs, labels);
        double total = 0;
        for (int i = 0; i < probs.length; i++) {
            total += loss(probs[i], labels[i]);
        }
        return total / probs.length;
    }

    /** Log loss of one image (row normalised, then clipped), without validation of the row. */
    static double loss(float[] row, int label) {
        double sum = 0;
        for (float p : row) {
            sum += p;
        }
        double p = sum > 0 ? row[label] / sum : 0;
        return -Math.log(Math.max(Math.min(p, 1 - EPS), EPS));
    }
}
