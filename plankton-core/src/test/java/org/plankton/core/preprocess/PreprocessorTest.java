package org.plankton.core.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.plankton.core.image.GrayImage;

class PreprocessorTest {

    private static final PreprocessConfig HALF = new PreprocessConfig(64, 0.5, true, 0f, 1f);

    static GrayImage filled(int w, int h, int value) {
        byte[] p = new byte[w * h];
        Arrays.fill(p, (byte) value);
        return new GrayImage(w, h, p);
    }

    /** An asymmetric test image: white background, a dark L, a gradient bar. */
    static GrayImage asymmetric(int w, int h) {
        byte[] p = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = 255;
                if (x < w / 4 || (y > 3 * h / 4 && x < 3 * w / 4)) {
                    v = 30;
                }
                if (y < h / 5 && x > w / 2) {
                    v = 255 * x / w;
                }
                p[y * w + x] = (byte) v;
            }
        }
        return new GrayImage(w, h, p);
    }

    /** [minCol, maxCol, minRow, maxRow] of values above 1e-6. */
    static int[] extent(float[] c, int n) {
        int[] e = {n, -1, n, -1};
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                if (c[j * n + i] > 1e-6f) {
                    e[0] = Math.min(e[0], i);
                    e[1] = Math.max(e[1], i);
                    e[2] = Math.min(e[2], j);
                    e[3] = Math.max(e[3], j);
                }
            }
        }
        return e;
    }

    @Test
    void outputShapeAndBatchSlot() {
        Preprocessor pre = new Preprocessor(HALF);
        GrayImage img = asymmetric(30, 20);
        float[] single = pre.render(img);
        assertThat(single).hasSize(64 * 64);
        assertThat(pre.outputLength()).isEqualTo(64 * 64);
        float[] batch = new float[3 * 64 * 64];
        Arrays.fill(batch, 42f);
        pre.render(img, Affine.identity(), batch, 64 * 64);
        assertThat(Arrays.copyOfRange(batch, 64 * 64, 2 * 64 * 64)).containsExactly(single);
        assertThat(batch[0]).isEqualTo(42f);
        assertThat(batch[2 * 64 * 64]).isEqualTo(42f);
        assertThatIllegalArgumentException().isThrownBy(() -> pre.render(img, Affine.identity(), batch, 2 * 64 * 64 + 1))
                .withMessageContaining(String.valueOf(batch.length));
    }

    @Test
    void longestSideFillsTheConfiguredShare() {
        Preprocessor pre = new Preprocessor(HALF);
        float[] c = pre.render(filled(40, 20, 0));
        int[] e = extent(c, 64);
        // 40 px -> 0.5 * 64 = 32 canvas px wide, 20 px -> 16 px high, centred
        assertThat(e[1] - e[0] + 1).isEqualTo(32);
        assertThat(e[3] - e[2] + 1).isEqualTo(16);
        assertThat(e[0] + e[1]).isEqualTo(63);
        assertThat(e[2] + e[3]).isEqualTo(63);
        assertThat(c[32 * 64 + 32]).isEqualTo(1f);

        // recipe ratio, portrait, upscaled
        Preprocessor recipe = new Preprocessor(new PreprocessConfig(95, 85.0 / 95, true, 0f, 1f));
        int[] r = extent(recipe.render(filled(10, 30, 0)), 95);
        assertThat(r[3] - r[2] + 1).isBetween(85, 86);
        assertThat(r[1] - r[0] + 1).isBetween(28, 30);
    }

    @Test
    void invertMakesTheBackgroundZero() {
        GrayImage img = new GrayImage(2, 1, new byte[] {0, (byte) 255});
        PreprocessConfig cfg = new PreprocessConfig(8, 1.0, true, 0f, 1f);
        // 2 px wide -> 8 canvas px: pixel centres land at canvas x = 1.5 and 5.5
        float[] inv = new Preprocessor(cfg).render(filled(4, 4, 0));
        assertThat(inv[3 * 8 + 3]).isEqualTo(1f);
        float[] plain = new Preprocessor(cfg.withInvert(false)).render(filled(4, 4, 0));
        assertThat(plain[3 * 8 + 3]).isEqualTo(0f);
        float[] inv2 = new Preprocessor(cfg).render(filled(4, 4, 255));
        assertThat(inv2[3 * 8 + 3]).isEqualTo(0f);
        float[] plain2 = new Preprocessor(cfg.withInvert(false)).render(filled(4, 4, 255));
        assertThat(plain2[3 * 8 + 3]).isEqualTo(1f);
        float[] two = new Preprocessor(cfg).render(img);
        assertThat(two[4 * 8 + 1]).isEqualTo(1f); // black pixel, inverted
        assertThat(two[4 * 8 + 6]).isEqualTo(0f); // white pixel, inverted
        assertThat(two[0]).isEqualTo(0f); // outside the image
    }

    @Test
    void renderingIsDeterministic() {
        Preprocessor pre = new Preprocessor(PreprocessConfig.defaults());
        GrayImage img = asymmetric(57, 83);
        assertThat(pre.render(img)).containsExactly(pre.render(img));
        assertThat(new Preprocessor(PreprocessConfig.defaults()).render(img)).containsExactly(pre.render(img));
        Affine aug = Affine.rotationDegrees(17).then(Affine.translation(2.5, -1));
        assertThat(pre.render(img, aug)).containsExactly(pre.render(img, aug));
    }

    @Test
    void identityAugmentEqualsNoAugment() {
        Preprocessor pre = new Preprocessor(PreprocessConfig.defaults());
        GrayImage img = asymmetric(45, 31);
        assertThat(pre.render(img, Affine.identity())).containsExactly(pre.render(img));
        assertThat(pre.render(img, Affine.translation(-0.0, 0.0))).containsExactly(pre.render(img));
    }

    @Test
    void quarterTurnIsAnExactPixelPermutation() {
        for (int n : new int[] {64, 95}) {
            Preprocessor pre = new Preprocessor(new PreprocessConfig(n, 85.0 / 95, true, 0f, 1f));
            GrayImage img = asymmetric(37, 23);
            float[] o = pre.render(img);
            float[] r90 = pre.render(img, Affine.rotationDegrees(90));
            float[] r180 = pre.render(img, Affine.rotationDegrees(180));
            float[] r270 = pre.render(img, Affine.rotationDegrees(270));
            float[] flipped = pre.render(img, Affine.flipX());
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    // rotating by 90 (x -> -y, y -> x about the centre): out(i, j) = orig(j, n-1-i)
                    assertThat(r90[j * n + i]).isCloseTo(o[(n - 1 - i) * n + j], within(1e-5f));
                    assertThat(r180[j * n + i]).isCloseTo(o[(n - 1 - j) * n + (n - 1 - i)], within(1e-5f));
                    assertThat(r270[j * n + i]).isCloseTo(o[i * n + (n - 1 - j)], within(1e-5f));
                    assertThat(flipped[j * n + i]).isCloseTo(o[j * n + (n - 1 - i)], within(1e-5f));
                }
            }
            assertThat(o).isNotEqualTo(r90);
        }
    }

    @Test
    void translationIsInCanvasPixels() {
        Preprocessor pre = new Preprocessor(HALF);
        GrayImage img = asymmetric(40, 40);
        float[] o = pre.render(img);
        float[] t = pre.render(img, Affine.translation(3, -2));
        for (int j = 2; j < 60; j++) {
            for (int i = 0; i < 61; i++) {
                assertThat(t[(j - 2) * 64 + i + 3]).isCloseTo(o[j * 64 + i], within(1e-5f));
            }
        }
    }

    @Test
    void meanAndStdAreAppliedLast() {
        GrayImage img = asymmetric(30, 50);
        float[] base = new Preprocessor(HALF).render(img);
        float[] norm = new Preprocessor(HALF.withNormalisation(0.2f, 0.5f)).render(img);
        for (int k = 0; k < base.length; k++) {
            assertThat(norm[k]).isCloseTo((base[k] - 0.2f) / 0.5f, within(1e-5f));
        }
        assertThat(norm[0]).isCloseTo(-0.4f, within(1e-6f)); // outside the image: (0 - mean) / std
    }

    @Test
    void bigImagesAreBoxFilteredBeforeShrinking() {
        Preprocessor pre = new Preprocessor(PreprocessConfig.defaults()); // 64 px, fill 85/95
        int w = 500;
        int h = 300;
        // white, one 1-px black vertical line, a dark block in the upper left quadrant
        byte[] p = new byte[w * h];
        Arrays.fill(p, (byte) 255);
        for (int y = 0; y < h; y++) {
            p[y * w + 331] = 0;
        }
        for (int y = 40; y < 100; y++) {
            for (int x = 60; x < 150; x++) {
                p[y * w + x] = 10;
            }
        }
        GrayImage img = new GrayImage(w, h, p);
        float[] c = pre.render(img);
        for (float v : c) {
            assertThat(v).isBetween(0f, 1f);
        }
        // mass is preserved: sum of canvas values ~ sum of inverted source values * scale^2
        double s = pre.baseScale(w, h);
        double srcMass = 0;
        double srcX = 0;
        double srcY = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 1 - (p[y * w + x] & 0xFF) / 255.0;
                srcMass += v;
                srcX += v * x;
                srcY += v * y;
            }
        }
        double mass = 0;
        double cx = 0;
        double cy = 0;
        double lineMass = 0;
        for (int j = 0; j < 64; j++) {
            for (int i = 0; i < 64; i++) {
                mass += c[j * 64 + i];
                cx += c[j * 64 + i] * i;
                cy += c[j * 64 + i] * j;
            }
        }
        Affine fwd = pre.transform(w, h, Affine.identity());
        int lineCol = (int) Math.round(fwd.applyX(331, 150));
        for (int j = 0; j < 64; j++) {
            for (int i = lineCol - 2; i <= lineCol + 2; i++) {
                lineMass += c[j * 64 + i];
            }
        }
        assertThat(mass).isCloseTo(srcMass * s * s, within(0.05 * srcMass * s * s));
        // the 1-px line survives with (about) its share of the mass instead of being skipped
        assertThat(lineMass).isCloseTo(h * s * s, within(0.25 * h * s * s));
        // and the geometry of the downsampled path matches the plain one: centroids coincide
        assertThat(cx / mass).isCloseTo(fwd.applyX(srcX / srcMass, srcY / srcMass), within(0.3));
        assertThat(cy / mass).isCloseTo(fwd.applyY(srcX / srcMass, srcY / srcMass), within(0.3));
        // extent of a full image still fills the share
        int[] e = extent(pre.render(filled(w, h, 0)), 64);
        assertThat(e[1] - e[0] + 1).isBetween(57, 58);
        assertThat(e[3] - e[2] + 1).isBetween(34, 36);
    }

    @Test
    void singularAugmentIsRejected() {
        Preprocessor pre = new Preprocessor(HALF);
        assertThatIllegalArgumentException().isThrownBy(() -> pre.render(filled(5, 5, 0), Affine.scale(0, 1)));
    }

    @Test
    void fixedScaleKeepsAbsoluteSize() {
        // A dark 10x10 square on white in a 20x20 and in a 40x40 image (same square, more margin):
        // size-normalised renders differ in square size, fixed-scale renders do not.
        PreprocessConfig pc = PreprocessConfig.defaults().withImageSize(16);
        Preprocessor fixed = new Preprocessor(pc, 0.5);
        float[] small = fixed.render(square(20, 10));
        float[] large = fixed.render(square(40, 10));
        // about 5x5 pixels at half scale: not blank (two blank renders would also be equal)
        org.assertj.core.api.Assertions.assertThat(countBright(small)).isBetween(9, 49);
        org.assertj.core.api.Assertions.assertThat(countBright(small)).isEqualTo(countBright(large));
        Preprocessor normalised = new Preprocessor(pc);
        org.assertj.core.api.Assertions.assertThat(countBright(normalised.render(square(20, 10))))
                .isGreaterThan(countBright(normalised.render(square(40, 10))));
    }

    private static org.plankton.core.image.GrayImage square(int side, int inner) {
        byte[] px = new byte[side * side];
        java.util.Arrays.fill(px, (byte) 255);
        int o = (side - inner) / 2;
        for (int y = o; y < o + inner; y++) {
            for (int x = o; x < o + inner; x++) {
                px[y * side + x] = 0;
            }
        }
        return new org.plankton.core.image.GrayImage(side, side, px);
    }

    private static int countBright(float[] v) {
        int n = 0;
        for (float f : v) {
            n += f > 0.5f ? 1 : 0;
        }
        return n;
    }
}
