package org.plankton.core.preprocess;

import java.util.Objects;
import org.plankton.core.image.GrayImage;

/**
 * Renders a {@link GrayImage} into the network's square input canvas: the inference preprocessing,
 * optionally composed with one augmentation transform.
 *
 * <h2>What a pixel becomes</h2>
 * A gray value {@code v} becomes {@code invert ? 1 - v/255 : v/255}, so that the (light) background
 * is 0; outside the source image the value is that background 0. Finally {@code (x - mean) / std}
 * is applied, so outside the image the output is exactly {@code -mean / std}.
 *
 * <p>The source is a rectangle of unit pixels, {@code [-0.5, w-0.5] x [-0.5, h-0.5]} with pixel
 * centres at integers. Canvas samples inside it are interpolated bilinearly, replicating the edge
 * pixels out to the border; samples outside it are background. So the longest side covers exactly
 * {@code fill * imageSize} canvas pixels, and organisms touching the crop border (plankton crops
 * are tight) keep a crisp edge instead of fading into the padding.
 *
 * <h2>Geometry</h2>
 * The longest image side is scaled to {@code fill * imageSize} canvas pixels (up or down) and the
 * image centre lands on the canvas centre. Pixel-centre conventions are used (source centre
 * {@code ((w-1)/2, (h-1)/2)}, canvas centre {@code ((n-1)/2, (n-1)/2)}), so a 90-degree
 * augmentation permutes canvas pixels exactly. An augmentation {@link Affine} acts in canvas
 * pixels relative to the canvas centre, after the size normalisation: rotation and zoom are about
 * the centre, translation is in canvas pixels. Base transform and augmentation are composed into
 * one map that is inverted and sampled once, bilinearly, so augmented images are not blurred twice.
 *
 * <h2>Anti-aliasing</h2>
 * Bilinear sampling only looks at 4 source pixels, so shrinking a 400 px image to 57 px would skip
 * most pixels and lose thin antennae and spines. When the overall scale (the square root of the
 * map's determinant) is below 0.5, the source is first box-averaged by the integer factor
 * {@code floor(1/scale)} (in a fresh buffer, nothing is cached), then warped.
 *
 * <p>Immutable and thread-safe. The batch overload writes straight into a caller's buffer, so the
 * hot path allocates nothing but a few small {@link Affine}s (and the box-averaged copy when
 * shrinking a lot).
 */
public final class Preprocessor {

    /**
     * Tolerance, in source pixels, of the image-border test. Canvas pixel centres can land exactly
     * on the border; without it, 1e-13 rounding differences between a rotated and an unrotated
     * transform would put such a pixel inside in one and outside in the other.
     */
    private static final double EDGE_EPSILON = 1e-9;

    private final PreprocessConfig config;
    private final int size;
    private final double centre;
    private final boolean invert;
    /** Output = value * gain + bias, with value in 0..255 after optional inversion. */
    private final double gain;
    private final double bias;
    /** Canvas pixels per source pixel when fixed; 0: fit the longest side to the canvas. */
    private final double fixedScale;

    public Preprocessor(PreprocessConfig config) {
        this(config, 0);
    }

    /**
     * A renderer at a fixed scale ({@code fixedScale} canvas pixels per source pixel, centred, cropped
     * by the canvas) instead of size normalisation: the view in which an organism's absolute size
     * stays visible (the recipe's second, fixed-scale input). {@code 0} means size-normalised.
     */
    public Preprocessor(PreprocessConfig config, double fixedScale) {
        if (!(fixedScale >= 0) || !Double.isFinite(fixedScale)) {
            throw new IllegalArgumentException("fixed scale must be >= 0, got " + fixedScale);
        }
        this.fixedScale = fixedScale;
        this.config = Objects.requireNonNull(config, "config");
        this.size = config.imageSize();
        this.centre = (size - 1) / 2.0;
        this.invert = config.invert();
        this.gain = 1.0 / (255.0 * config.std());
        // + 0.0 turns -0.0 into 0.0 so that the background of an un-normalised canvas is a plain zero
        this.bias = -config.mean() / (double) config.std() + 0.0;
    }

    public PreprocessConfig config() {
        return config;
    }

    /** Side of the square canvas. */
    public int imageSize() {
        return size;
    }

    /** Number of floats one rendered image occupies: {@code imageSize * imageSize}. */
    public int outputLength() {
        return size * size;
    }

    /** The deterministic inference rendering: no augmentation. */
    public float[] render(GrayImage img) {
        return render(img, Affine.identity());
    }

    /** Renders with an augmentation given in canvas pixels about the canvas centre. */
    public float[] render(GrayImage img, Affine augment) {
        float[] out = new float[size * size];
        render(img, augment, out, 0);
        return out;
    }

    /**
     * Renders into {@code out[offset .. offset + imageSize^2)}, row-major, e.g. one slot of a batch.
     *
     * @throws IllegalArgumentException if the slot does not fit in {@code out}, or the augmentation
     *                                  is singular
     */
    public void render(GrayImage img, Affine augment, float[] out, int offset) {
        Objects.requireNonNull(img, "img");
        Objects.requireNonNull(augment, "augment");
        Objects.requireNonNull(out, "out");
        int n = size * size;
        if (offset < 0 || offset > out.length - n) {
            throw new IllegalArgumentException("output slot [" + offset + ", " + ((long) offset + n)
                    + ") does not fit in a buffer of " + out.length + " floats");
        }
        Affine forward = transform(img.width(), img.height(), augment);
        double scale = Math.sqrt(Math.abs(forward.determinant()));
        byte[] src = img.pixels();
        int sw = img.width();
        int sh = img.height();
        double boundW = sw;
        double boundH = sh;
        if (scale < 0.5 && scale > 0) {
            int k = (int) Math.min(Math.floor(1.0 / scale), Math.max(sw, sh));
            if (k >= 2) {
                int dw = ceilDiv(sw, k);
                int dh = ceilDiv(sh, k);
                src = boxDownsample(src, sw, sh, k, dw, dh, invert ? 255 : 0);
                // the original rectangle [-0.5, w-0.5] is [-0.5, w/k - 0.5] in block coordinates
                boundW = sw / (double) k;
                boundH = sh / (double) k;
                sw = dw;
                sh = dh;
                // block (x', y') covers source pixels k*x' .. k*x'+k-1, its centre is k*x' + (k-1)/2
                double half = (k - 1) / 2.0;
                forward = Affine.scale(k, k).then(Affine.translation(half, half)).then(forward);
            }
        }
        warp(src, sw, sh, boundW, boundH, forward.inverse(), out, offset);
    }

    /**
     * The map from source pixel coordinates to canvas pixel coordinates: size normalisation, then
     * {@code augment} about the canvas centre.
     */
    public Affine transform(int width, int height, Affine augment) {
        Objects.requireNonNull(augment, "augment");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        double s = baseScale(width, height);
        return Affine.translation(-(width - 1) / 2.0, -(height - 1) / 2.0)
                .then(Affine.scale(s, s))
                .then(augment)
                .then(Affine.translation(centre, centre));
    }

    /**
     * Canvas pixels per source pixel before augmentation: {@code fill * imageSize / max(w, h)}, or the
     * fixed scale.
     */
    public double baseScale(int width, int height) {
        if (fixedScale > 0) {
            return fixedScale;
        }
        return config.fill() * size / Math.max(width, height);
    }

    /**
     * Inverse-maps every canvas pixel into the source and samples it.
     *
     * @param boundW width of the source rectangle in {@code src} pixels; equals {@code sw} except
     *               after box-downsampling, where the last block may be only partly covered
     */
    private void warp(byte[] src, int sw, int sh, double boundW, double boundH, Affine inv, float[] out, int offset) {
        final double ia = inv.a();
        final double ib = inv.b();
        final double ic = inv.c();
        final double id = inv.d();
        final double ie = inv.e();
        final double iF = inv.f();
        final double xLo = -0.5 - EDGE_EPSILON;
        final double yLo = -0.5 - EDGE_EPSILON;
        final double xHi = boundW - 0.5 + EDGE_EPSILON;
        final double yHi = boundH - 0.5 + EDGE_EPSILON;
        final double g = invert ? -gain : gain;
        final double o = invert ? 255 * gain + bias : bias;
        final float outside = (float) bias;
        final int n = size;
        final int maxX = sw - 1;
        final int maxY = sh - 1;
        for (int j = 0; j < n; j++) {
            double rowX = ib * j + ic;
            double rowY = ie * j + iF;
            int k = offset + j * n;
            for (int i = 0; i < n; i++, k++) {
                double sx = ia * i + rowX;
                double sy = id * i + rowY;
                if (!(sx >= xLo && sx <= xHi && sy >= yLo && sy <= yHi)) {
                    out[k] = outside;
                    continue;
                }
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double fx = sx - x0;
                double fy = sy - y0;
                int p00;
                int p10;
                int p01;
                int p11;
                if (x0 >= 0 && y0 >= 0 && x0 < maxX && y0 < maxY) {
                    p00 = y0 * sw + x0;
                    p10 = p00 + 1;
                    p01 = p00 + sw;
                    p11 = p01 + 1;
                } else {
                    // within half a pixel of the border: replicate the edge pixels
                    int xa = clamp(x0, maxX);
                    int xb = clamp(x0 + 1, maxX);
                    int ya = clamp(y0, maxY) * sw;
                    int yb = clamp(y0 + 1, maxY) * sw;
                    p00 = ya + xa;
                    p10 = ya + xb;
                    p01 = yb + xa;
                    p11 = yb + xb;
                }
                int v00 = src[p00] & 0xFF;
                int v01 = src[p01] & 0xFF;
                double top = v00 + ((src[p10] & 0xFF) - v00) * fx;
                double bottom = v01 + ((src[p11] & 0xFF) - v01) * fx;
                double raw = top + (bottom - top) * fy;
                out[k] = (float) (raw * g + o);
            }
        }
    }

    private static int clamp(int v, int max) {
        return v < 0 ? 0 : Math.min(v, max);
    }

    /**
     * Averages k x k blocks; blocks that overhang the right or bottom edge count the missing pixels
     * as background, which keeps every block centre exactly where the geometry above expects it.
     */
    static byte[] boxDownsample(byte[] src, int sw, int sh, int k, int dw, int dh, int pad) {
        byte[] dst = new byte[dw * dh];
        int[] acc = new int[dw];
        int area = k * k;
        for (int oy = 0; oy < dh; oy++) {
            java.util.Arrays.fill(acc, 0);
            int y1 = Math.min(sh, oy * k + k);
            int rows = y1 - oy * k;
            for (int y = oy * k; y < y1; y++) {
                int p = y * sw;
                for (int ox = 0, x = 0; ox < dw; ox++) {
                    int x1 = Math.min(sw, x + k);
                    int s = 0;
                    for (; x < x1; x++) {
                        s += src[p + x] & 0xFF;
                    }
                    acc[ox] += s;
                }
            }
            int q = oy * dw;
            for (int ox = 0; ox < dw; ox++) {
                int cols = Math.min(sw, ox * k + k) - ox * k;
                int sum = acc[ox] + pad * (area - rows * cols);
                dst[q + ox] = (byte) ((sum + area / 2) / area);
            }
        }
        return dst;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    @Override
    public String toString() {
        return "Preprocessor[" + config + "]";
    }
}
