package org.plankton.core.metrics;

/**
 * Per-class quality. Undefined ratios are reported as 0 rather than NaN, so tables and JSON stay
 * numeric: precision is 0 when the class was never predicted, recall when it has no images, and
 * F1 when precision + recall is 0. {@code support} tells the reader which case applies.
 *
 * @param name      class name
 * @param support   number of images whose true class this is
 * @param precision correct predictions of this class / all predictions of this class
 * @param recall    correct predictions of this class / support
 * @param f1        harmonic mean of precision and recall
 */
public record ClassMetrics(String name, int support, double precision, double recall, double f1) {

    public ClassMetrics {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("class name must not be blank, got '" + name + "'");
        }
        if (support < 0) {
            throw new IllegalArgumentException("support must be >= 0, got " + support + " for " + name);
        }
        check("precision", precision, name);
        check("recall", recall, name);
        check("f1", f1, name);
    }

    /** From confusion counts: true positives, predictions of the class, images of the class. */
    static ClassMetrics fromCounts(String name, int truePositives, int predicted, int support) {
        double precision = predicted == 0 ? 0 : (double) truePositives / predicted;
        double recall = support == 0 ? 0 : (double) truePositives / support;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassMetrics(name, support, precision, recall, f1);
    }

    private static void check(String what, double v, String name) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1], got " + v + " for " + name);
        }
    }
}
