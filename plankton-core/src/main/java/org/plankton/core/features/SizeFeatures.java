package org.plankton.core.features;

import java.util.List;
import org.plankton.core.image.GrayImage;

/**
 * Size and shape of the organism in the original image, which the network's input (scaled to a
 * fixed canvas) no longer shows; in plankton imagery the size in pixels is proportional to real
 * size and tells similar-looking taxa apart. Computed from intensity-weighted image moments, with
 * the object weight {@code 1 - v/255} for dark objects on a light background (or {@code v/255}).
 *
 * <p>All features are scaled (logarithms, ratios, offsets in image widths) to stay within a few
 * units whatever the image size; the network's fusion branch standardises them further with batch
 * normalisation.
 */
public final class SizeFeatures {

    /** Names, in the order {@link #write} writes them. */
    public static final List<String> NAMES = List.of("log_width", "log_height", "log_mass", "centroid_dx",
            "centroid_dy", "log_major_axis", "log_minor_axis", "axis_ratio", "cos_2theta", "sin_2theta", "fill");
    public static final int COUNT = NAMES.size();

    private SizeFeatures() {
    }

    /** Writes the {@link #COUNT} features of {@code image} into {@code out} from {@code offset}. */
    public static void write(GrayImage image, boolean darkObjects, float[] out, int offset) {
        int w = image.width();
        int h = image.height();
        byte[] px = image.pixels();
        double m = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = px[y * w + x] & 0xFF;
                double weight = (darkObjects ? 255 - v : v) / 255.0;
                if (weight <= 0) {
                    continue;
                }
                m += weight;
                sx += weight * x;
                sy += weight * y;
                sxx += weight * x * x;
                syy += weight * y * y;
                sxy += weight * x * y;
            }
        }
        double cx = m > 0 ? sx / m : (w - 1) / 2.0;
        double cy = m > 0 ? sy / m : (h - 1) / 2.0;
        double mu20 = m > 0 ? sxx / m - cx * cx : 0;
        double mu02 = m > 0 ? syy / m - cy * cy : 0;
        double mu11 = m > 0 ? sxy / m - cx * cy : 0;
        // Eigenvalues of the covariance matrix: the squared semi-axes (up to a factor) of the
        // ellipse with the same second moments.
        double mean = (mu20 + mu02) / 2;
        double diff = Math.sqrt(Math.max(0, (mu20 - mu02) * (mu20 - mu02) / 4 + mu11 * mu11));
        double major = 2 * Math.sqrt(Math.max(0, mean + diff));
        double minor = 2 * Math.sqrt(Math.max(0, mean - diff));
        double theta2 = 2 * 0.5 * Math.atan2(2 * mu11, mu20 - mu02);
        int k = offset;
        out[k++] = (float) Math.log(w);
        out[k++] = (float) Math.log(h);
        out[k++] = (float) Math.log1p(m);
        out[k++] = (float) ((cx - (w - 1) / 2.0) / w);
        out[k++] = (float) ((cy - (h - 1) / 2.0) / h);
        out[k++] = (float) Math.log1p(major);
        out[k++] = (float) Math.log1p(minor);
        out[k++] = (float) (major > 0 ? minor / major : 1);
        out[k++] = (float) (diff > 0 ? Math.cos(theta2) : 1);
        out[k++] = (float) (diff > 0 ? Math.sin(theta2) : 0);
        out[k] = (float) (m / ((double) w * h));
    }

    /**
     * The object's area in pixels: the pixels with a non-zero object weight, the same pixels
     * {@link #write}'s moments sum over (its mask). On segmented vignettes (NDSB, ZooScan, UVP:
     * the background set to pure white, or black) that is the segmented object's pixel count,
     * EcoTaxa's {@code area}; on unsegmented frames background noise would count too. Faint parts
     * count fully, unlike the intensity-weighted mass, which would shrink translucent organisms.
     */
    public static long area(GrayImage image, boolean darkObjects) {
        int background = darkObjects ? 255 : 0;
        long n = 0;
        for (byte b : image.pixels()) {
            n += (b & 0xFF) != background ? 1 : 0;
        }
        return n;
    }

    /** The features of one image, as a new array. */
    public static float[] of(GrayImage image, boolean darkObjects) {
        float[] f = new float[COUNT];
        write(image, darkObjects, f, 0);
        return f;
    }
}
