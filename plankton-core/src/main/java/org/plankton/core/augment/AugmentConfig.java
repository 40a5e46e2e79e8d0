package org.plankton.core.augment;

/**
 * Ranges of the random affine augmentation.
 *
 * <p>Translation is a fraction of the canvas side rather than pixels, so that one config keeps its
 * meaning when the canvas size changes (the recipe's 10 px were on a 95 px canvas).
 *
 * @param maxRotationDegrees rotation is uniform in {@code [-max, +max]}; 180 means the full circle
 * @param maxTranslation     x and y shifts are independently uniform in {@code [-max, +max]} times
 *                           the canvas side
 * @param maxZoom            zoom is log-uniform in {@code [1/maxZoom, maxZoom]}; 1 disables it
 * @param maxStretch         stretch is log-uniform in {@code [1/max, max]}; horizontal zoom is
 *                           {@code zoom*stretch}, vertical {@code zoom/stretch}; 1 disables it
 * @param maxShearDegrees    shear angle is uniform in {@code [-max, +max]}
 * @param flip               mirror horizontally with probability 0.5
 */
public record AugmentConfig(double maxRotationDegrees, double maxTranslation, double maxZoom,
                            double maxStretch, double maxShearDegrees, boolean flip) {

    public AugmentConfig {
        if (!(maxRotationDegrees >= 0 && maxRotationDegrees <= 180)) {
            throw new IllegalArgumentException("maxRotationDegrees must be in [0, 180] (180 = full circle), got "
                    + maxRotationDegrees);
        }
        if (!(maxTranslation >= 0 && maxTranslation <= 1)) {
            throw new IllegalArgumentException("maxTranslation must be in [0, 1] (a fraction of the canvas side), got "
                    + maxTranslation);
        }
        if (!(maxZoom >= 1 && maxZoom <= 100)) {
            throw new IllegalArgumentException("maxZoom must be in [1, 100], got " + maxZoom);
        }
        if (!(maxStretch >= 1 && maxStretch <= 100)) {
            throw new IllegalArgumentException("maxStretch must be in [1, 100], got " + maxStretch);
        }
        if (!(maxShearDegrees >= 0 && maxShearDegrees < 90)) {
            throw new IllegalArgumentException("maxShearDegrees must be in [0, 90), got " + maxShearDegrees);
        }
    }

    /** The recipe's training ranges: full rotation, +-10/95 shift, zoom 1.6, stretch 1.3, shear 20, flip. */
    public static AugmentConfig defaults() {
        return new AugmentConfig(180, 10.0 / 95.0, 1.6, 1.3, 20, true);
    }

    /** The recipe's milder test-time ranges: full rotation, +-8/95 shift, zoom 1.4, stretch 1.2, shear 10, flip. */
    public static AugmentConfig testTime() {
        return new AugmentConfig(180, 8.0 / 95.0, 1.4, 1.2, 10, true);
    }

    /** No augmentation: every sample is the identity. */
    public static AugmentConfig none() {
        return new AugmentConfig(0, 0, 1, 1, 0, false);
    }

    /** True when every range is empty, so sampling can be skipped. */
    public boolean isNone() {
        return maxRotationDegrees == 0 && maxTranslation == 0 && maxZoom == 1 && maxStretch == 1
                && maxShearDegrees == 0 && !flip;
    }
}
