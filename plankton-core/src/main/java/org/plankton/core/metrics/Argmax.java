package org.plankton.core.metrics;

/**
 * The most probable class of a probability row: the one argmax of the project, so that the CSV's top
 * class, the server's, Spark's, the counts' and the metrics' can never disagree on a tie.
 */
public final class Argmax {

    private Argmax() {
    }

    /** Index of the largest value; ties go to the lower index (probabilities are checked finite upstream). */
    public static int of(float[] row) {
        if (row.length == 0) {
            throw new IllegalArgumentException("argmax of an empty row");
        }
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            if (row[j] > row[best]) {
                best = j;
            }
        }
        return best;
    }
}
