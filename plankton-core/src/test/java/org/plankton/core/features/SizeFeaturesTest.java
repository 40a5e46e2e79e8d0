package org.plankton.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.plankton.core.image.GrayImage;

class SizeFeaturesTest {

    /** A dark axis-aligned rectangle on white. */
    static GrayImage rectangle(int w, int h, int x0, int y0, int rw, int rh) {
        byte[] px = new byte[w * h];
        Arrays.fill(px, (byte) 255);
        for (int y = y0; y < y0 + rh; y++) {
            for (int x = x0; x < x0 + rw; x++) {
                px[y * w + x] = 0;
            }
        }
        return new GrayImage(w, h, px);
    }

    static float f(float[] features, String name) {
        return features[SizeFeatures.NAMES.indexOf(name)];
    }

    @Test
    void sizeAndElongationOfARectangle() {
        float[] f = SizeFeatures.of(rectangle(100, 50, 20, 10, 40, 10), true);
        assertThat(f).hasSize(SizeFeatures.COUNT);
        assertThat(f(f, "log_width")).isCloseTo((float) Math.log(100), within(1e-5f));
        assertThat(f(f, "log_mass")).isCloseTo((float) Math.log1p(400), within(1e-4f));
        assertThat(f(f, "fill")).isCloseTo(400f / 5000f, within(1e-5f));
        // Elongated along x: orientation angle 0, so cos(2 theta) = 1; axis ratio about 10/40.
        assertThat(f(f, "cos_2theta")).isCloseTo(1f, within(1e-4f));
        assertThat(f(f, "axis_ratio")).isCloseTo(0.25f, within(0.01f));
        // Centroid at x = 39.5 of a 100-wide image (centre 49.5): -0.1 widths.
        assertThat(f(f, "centroid_dx")).isCloseTo(-0.1f, within(1e-4f));
    }

    @Test
    void sameShapeTwiceAsLargeHasLargerSizeFeaturesOnly() {
        float[] small = SizeFeatures.of(rectangle(60, 60, 20, 25, 20, 10), true);
        float[] large = SizeFeatures.of(rectangle(120, 120, 40, 50, 40, 20), true);
        assertThat(f(large, "log_major_axis")).isGreaterThan(f(small, "log_major_axis"));
        assertThat(f(large, "log_mass")).isCloseTo(f(small, "log_mass") + (float) Math.log(4), within(0.01f));
        assertThat(f(large, "axis_ratio")).isCloseTo(f(small, "axis_ratio"), within(5e-3f)); // discrete pixels
        assertThat(f(large, "fill")).isCloseTo(f(small, "fill"), within(1e-5f));
    }

    @Test
    void blankImageGivesFiniteValues() {
        float[] f = SizeFeatures.of(rectangle(10, 10, 0, 0, 0, 0), true);
        for (float v : f) {
            assertThat(Float.isFinite(v)).isTrue();
        }
    }

    @Test
    void areaCountsEveryPixelThatIsNotBackground() {
        byte[] px = new byte[4 * 4];
        java.util.Arrays.fill(px, (byte) 255); // light background
        px[0] = 0;
        px[1] = 0;
        px[2] = (byte) 250; // faint, still the object
        org.plankton.core.image.GrayImage img = new org.plankton.core.image.GrayImage(4, 4, px);
        org.assertj.core.api.Assertions.assertThat(SizeFeatures.area(img, true)).isEqualTo(3);
        org.assertj.core.api.Assertions.assertThat(SizeFeatures.area(img, false)).isEqualTo(14);
    }
}
