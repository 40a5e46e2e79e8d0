package org.plankton.core.image;

import java.util.Arrays;

/**
 * A decoded 8-bit grayscale image as the instrument saved it (not inverted, not resized).
 *
 * <p>Pixels are row-major, {@code 0} = black, {@code 255} = white, stored as unsigned bytes so a
 * whole training set of small plankton images fits in memory. The original width and height are
 * kept because organism size carries meaning.
 */
public record GrayImage(int width, int height, byte[] pixels) {

    public GrayImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (pixels == null || pixels.length != (long) width * height) {
            throw new IllegalArgumentException("expected " + ((long) width * height) + " pixels for "
                    + width + "x" + height + ", got " + (pixels == null ? "null" : pixels.length));
        }
    }

    /** Gray value at column x, row y, in 0..255. */
    public int get(int x, int y) {
        return pixels[y * width + x] & 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GrayImage g && g.width == width && g.height == height && Arrays.equals(g.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "GrayImage[" + width + "x" + height + "]";
    }
}
