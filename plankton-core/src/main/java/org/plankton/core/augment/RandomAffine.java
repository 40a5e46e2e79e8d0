package org.plankton.core.augment;

import java.util.Objects;
import java.util.Random;
import org.plankton.core.preprocess.Affine;

/**
 * Turns an {@link AugmentConfig} plus random numbers into one augmentation {@link Affine}, in
 * canvas pixels about the canvas centre (what
 * {@link org.plankton.core.preprocess.Preprocessor#render(org.plankton.core.image.GrayImage, Affine)}
 * expects).
 *
 * <p>The mapping from uniforms to parameters is separate from the random source
 * ({@link #fromUniforms}) so that test-time augmentation can feed it low-discrepancy points (e.g.
 * {@link HaltonSequence#point(int, int)} with {@link #DIMENSIONS} dimensions) instead of random
 * ones, covering the transform space evenly with few transforms, as the recipe did.
 *
 * <p>Order of application: flip, zoom/stretch, shear, rotation, translation. A uniform of 0.5
 * maps every parameter to its neutral value (no rotation, shift, zoom, stretch or shear).
 */
public final class RandomAffine {

    /** Number of uniforms one transform uses, in this order: */
    public static final int DIMENSIONS = 7;
    /** Index of the rotation uniform. */
    public static final int ROTATION = 0;
    /** Index of the horizontal translation uniform. */
    public static final int TRANSLATE_X = 1;
    /** Index of the vertical translation uniform. */
    public static final int TRANSLATE_Y = 2;
    /** Index of the zoom uniform. */
    public static final int ZOOM = 3;
    /** Index of the stretch uniform. */
    public static final int STRETCH = 4;
    /** Index of the shear uniform. */
    public static final int SHEAR = 5;
    /** Index of the flip uniform: flipped when below 0.5 (and the config allows flips). */
    public static final int FLIP = 6;

    private RandomAffine() {
    }

    /**
     * Draws one transform. Always consumes exactly {@link #DIMENSIONS} doubles from {@code rng},
     * whatever the config, so a seed gives the same sequence of transforms and the same state of
     * {@code rng} afterwards.
     */
    public static Affine sample(AugmentConfig cfg, int canvasSize, Random rng) {
        Objects.requireNonNull(rng, "rng");
        double[] u = new double[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            u[i] = rng.nextDouble();
        }
        return fromUniforms(cfg, canvasSize, u);
    }

    /**
     * Maps {@link #DIMENSIONS} numbers in {@code [0, 1]} to a transform; {@code u[FLIP] < 0.5} flips.
     *
     * @throws IllegalArgumentException if {@code u} has another length or a value outside [0, 1]
     */
    public static Affine fromUniforms(AugmentConfig cfg, int canvasSize, double[] u) {
        Objects.requireNonNull(u, "u");
        if (u.length != DIMENSIONS) {
            throw new IllegalArgumentException("expected " + DIMENSIONS + " uniforms, got " + u.length);
        }
        return fromUniforms(cfg, canvasSize, u, u[FLIP] < 0.5);
    }

    /**
     * Maps the first six numbers of {@code u} (rotation, tx, ty, zoom, stretch, shear; each in
     * {@code [0, 1]}) to a transform, with the flip decided by the caller, e.g. to pair every
     * test-time transform with its mirror image. {@code flip} is ignored when the config forbids
     * flips.
     */
    public static Affine fromUniforms(AugmentConfig cfg, int canvasSize, double[] u, boolean flip) {
        Objects.requireNonNull(cfg, "cfg");
        Objects.requireNonNull(u, "u");
        if (canvasSize <= 0) {
            throw new IllegalArgumentException("canvasSize must be positive, got " + canvasSize);
        }
        if (u.length < FLIP) {
            throw new IllegalArgumentException("expected at least " + FLIP + " uniforms, got " + u.length);
        }
        for (int i = 0; i < u.length; i++) {
            if (!(u[i] >= 0 && u[i] <= 1)) {
                throw new IllegalArgumentException("uniform " + i + " must be in [0, 1], got " + u[i]);
            }
        }
        double rotation = symmetric(u[ROTATION], cfg.maxRotationDegrees());
        double maxShift = cfg.maxTranslation() * canvasSize;
        double tx = symmetric(u[TRANSLATE_X], maxShift);
        double ty = symmetric(u[TRANSLATE_Y], maxShift);
        double zoom = logSymmetric(u[ZOOM], cfg.maxZoom());
        double stretch = logSymmetric(u[STRETCH], cfg.maxStretch());
        double shear = symmetric(u[SHEAR], cfg.maxShearDegrees());
        Affine m = flip && cfg.flip() ? Affine.flipX() : Affine.identity();
        return m.then(Affine.scale(zoom * stretch, zoom / stretch))
                .then(Affine.shearDegrees(shear))
                .then(Affine.rotationDegrees(rotation))
                .then(Affine.translation(tx, ty));
    }

    /** Uniform in [-max, max]; exactly 0 when max is 0. */
    private static double symmetric(double u, double max) {
        return max == 0 ? 0 : (2 * u - 1) * max;
    }

    /** Log-uniform in [1/max, max]; exactly 1 when max is 1. */
    private static double logSymmetric(double u, double max) {
        return max == 1 ? 1 : Math.exp((2 * u - 1) * Math.log(max));
    }
}
