package org.plankton.core.metrics;

/**
 * Shape checks and ranking of probability rows (one row per image), shared so every metric rejects the
 * same mistakes the same way. (The server's {@code ProbabilitiesJson} stores one row as JSON.)
 */
final class ProbabilityRows {

    private ProbabilityRows() {
    }

    /**
     * Checks that {@code probs} has one row per label, that rows are equally long and non-empty,
     * labels index a column, and values are finite and non-negative.
     *
     * @return the number of classes (row length)
     */
    static int validate(float[][] probs, int[] labels) {
        if (probs == null || labels == null) {
            throw new IllegalArgumentException("probabilities and labels must not be null");
        }
        if (probs.length != labels.length) {
            throw new IllegalArgumentException("got " + probs.length + " probability rows but "
                    + labels.length + " labels");
        }
        if (probs.length == 0) {
            throw new IllegalArgumentException("need at least one image, got 0 rows");
        }
        int k = probs[0] == null ? 0 : probs[0].length;
        if (k == 0) {
            throw new IllegalArgumentException("probability rows must have at least one class, row 0 has none");
        }
        for (int i = 0; i < probs.length; i++) {
            float[] row = probs[i];
            if (row == null || row.length != k) {
                throw new IllegalArgumentException("row " + i + " has " + (row == null ? "no" : row.length)
                        + " values, expected " + k + " (as row 0)");
            }
            if (labels[i] < 0 || labels[i] >= k) {
                throw new IllegalArgumentException("label " + labels[i] + " of row " + i
                        + " is out of range for " + k + " classes");
            }
            for (int j = 0; j < k; j++) {
                float p = row[j];
                if (!(p >= 0) || Float.isInfinite(p)) {
                    throw new IllegalArgumentException("probability [" + i + "][" + j + "] must be finite and >= 0, got " + p);
                }
            }
        }
        return k;
    }

    /** Index of the largest value; ties go to the lower index. */
    static int argmax(float[] row) {
        return Argmax.of(row);
    }

    /**
     * 0-based rank of column {@code c} in descending order, ties broken by lower index first
     * (so the rank is the number of columns that would be listed before it).
     */
    static int rank(float[] row, int c) {
        int r = 0;
        for (int j = 0; j < row.length; j++) {
            if (row[j] > row[c] || (row[j] == row[c] && j < c)) {
                r++;
            }
        }
        return r;
    }
}
