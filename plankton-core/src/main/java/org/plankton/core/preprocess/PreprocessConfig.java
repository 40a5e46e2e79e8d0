package org.plankton.core.preprocess;

/**
 * Deterministic preprocessing settings; saved with every model so inference matches training.
 *
 * @param imageSize side of the square canvas the network sees, in pixels
 * @param fill      share of the canvas side that the image's longest side is scaled to (0, 1]
 * @param invert    map {@code v -> 1 - v/255} so a light background becomes 0 (dark organisms on
 *                  white, as in ISIIS/ZooScan); false for instruments with light objects on dark
 * @param mean      global mean subtracted after inversion (fitted on training images)
 * @param std       global standard deviation divided by after subtracting the mean
 */
public record PreprocessConfig(int imageSize, double fill, boolean invert, float mean, float std) {

    public PreprocessConfig {
        if (imageSize < 8 || imageSize > 1024) {
            throw new IllegalArgumentException("imageSize must be in [8, 1024], got " + imageSize);
        }
        if (!(fill > 0 && fill <= 1)) {
            throw new IllegalArgumentException("fill must be in (0, 1], got " + fill);
        }
        if (!Float.isFinite(mean)) {
            throw new IllegalArgumentException("mean must be finite, got " + mean);
        }
        if (!(std > 0) || !Float.isFinite(std)) {
            throw new IllegalArgumentException("std must be positive and finite, got " + std);
        }
    }

    /** 64 px canvas, longest side at 85/95 of it (the recipe's ratio), inverted, no normalisation yet. */
    public static PreprocessConfig defaults() {
        return new PreprocessConfig(64, 85.0 / 95.0, true, 0f, 1f);
    }

    public PreprocessConfig withImageSize(int size) {
        return new PreprocessConfig(size, fill, invert, mean, std);
    }

    public PreprocessConfig withInvert(boolean inv) {
        return new PreprocessConfig(imageSize, fill, inv, mean, std);
    }

    public PreprocessConfig withNormalisation(float newMean, float newStd) {
        return new PreprocessConfig(imageSize, fill, invert, newMean, newStd);
    }
}
