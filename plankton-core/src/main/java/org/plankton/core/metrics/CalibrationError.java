package org.plankton.core.metrics;

/**
 * Expected calibration error (Guo et al. 2017, "On calibration of modern neural networks"): how
 * far the model's confidence is from its accuracy. Log loss mixes this with ranking quality;
 * ECE isolates it, which tells whether temperature scaling is worth fitting.
 */
public final class CalibrationError {

    /** The number of bins used in the paper and by most libraries. */
    public static final int DEFAULT_BINS = 15;

    private CalibrationError() {
    }

    /** Top-label ECE with {@link #DEFAULT_BINS} bins. */
    public static double expected(float[][] probs, int[] labels) {
        return expected(probs, labels, DEFAULT_BINS);
    }

    /**
     * Top-label ECE: each image's confidence is its largest (row-normalised) probability and it is
     * correct if that class (ties: lower index) is the true one. Images fall into {@code bins}
     * equal-width bins {@code ((b-1)/bins, b/bins]} by confidence (0 goes to the first bin); the
     * result is {@code sum_b (n_b / N) * |accuracy_b - mean confidence_b|}.
     */
    public static double expected(float[][] probs, int[] labels, int bins) {
        ProbabilityRows.validate(probs, labels);
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        long[] count = new long[bins];
        double[] confidence = new double[bins];
        double[] correct = new double[bins];
        for (int i = 0; i < probs.length; i++) {
            float[] row = probs[i];
            int top = ProbabilityRows.argmax(row);
            double sum = 0;
            for (float p : row) {
                sum += p;
            }
            double conf = sum > 0 ? row[top] / sum : 0;
            int b = (int) Math.ceil(conf * bins) - 1;
            b = Math.max(0, Math.min(bins - 1, b));
            count[b]++;
            confidence[b] += conf;
            correct[b] += top == labels[i] ? 1 : 0;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                ece += Math.abs(correct[b] - confidence[b]) / probs.length;
            }
        }
        return ece;
    }
}
