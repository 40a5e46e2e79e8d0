package org.plankton.core.augment;

/**
 * The Halton low-discrepancy sequence in up to 7 dimensions (bases 2, 3, 5, 7, 11, 13, 17).
 *
 * <p>For test-time augmentation: averaging predictions over N quasi-random transforms covers the
 * transform space more evenly than N random ones, so fewer transforms give the same benefit (the
 * recipe used 70). Seven dimensions is exactly what {@link RandomAffine#fromUniforms} consumes.
 * Index 0 is the origin (all zeros, the extreme corner of every range), so callers usually start at 1.
 */
public final class HaltonSequence {

    private static final int[] BASES = {2, 3, 5, 7, 11, 13, 17};

    /** Largest supported number of dimensions. */
    public static final int MAX_DIMENSIONS = BASES.length;

    private HaltonSequence() {
    }

    /**
     * The {@code index}-th point, each coordinate in {@code [0, 1)}.
     *
     * @param index non-negative position in the sequence
     * @param dims  1 to {@link #MAX_DIMENSIONS}
     */
    public static double[] point(int index, int dims) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be non-negative, got " + index);
        }
        if (dims < 1 || dims > MAX_DIMENSIONS) {
            throw new IllegalArgumentException("dims must be in [1, " + MAX_DIMENSIONS + "], got " + dims);
        }
        double[] p = new double[dims];
        for (int i = 0; i < dims; i++) {
            p[i] = radicalInverse(index, BASES[i]);
        }
        return p;
    }

    /** Van der Corput radical inverse: the digits of {@code index} in {@code base}, mirrored after the point. */
    static double radicalInverse(int index, int base) {
        double result = 0;
        double f = 1.0 / base;
        double scale = f;
        int i = index;
        while (i > 0) {
            result += (i % base) * scale;
            i /= base;
            scale *= f;
        }
        return result;
    }
}
