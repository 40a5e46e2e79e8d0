package org.plankton.onnx.int8;

import java.util.Arrays;
import java.nio.FloatBuffer;

/**
 * What calibration saw of one value: its exact minimum and maximum, and an evenly strided sample
 * of its elements (at most {@code capacity}) from which a percentile range is read. A sample rather
 * than every element: the first convolution alone writes 131,072 floats per image.
 */
final class ActivationStats {

    private float min = Float.POSITIVE_INFINITY;
    private float max = Float.NEGATIVE_INFINITY;
    private float[] sample;
    private int size;
    private final int perBatch;

    /** Keeps at most {@code capacity} elements over {@code batches} batches. */
    ActivationStats(int capacity, int batches) {
        this.sample = new float[capacity];
        this.perBatch = Math.max(1, capacity / Math.max(1, batches));
    }

    void add(FloatBuffer values) {
        int n = values.remaining();
        int base = values.position();
        int stride = Math.max(1, n / perBatch);
        for (int i = 0; i < n; i++) {
            float v = values.get(base + i);
            min = Math.min(min, v);
            max = Math.max(max, v);
            if (i % stride == 0 && size < sample.length) {
                sample[size++] = v;
            }
        }
    }

    /** The activation range: {@code [min, max]}, or the {@code 1 - p} and {@code p} quantiles when p < 1. */
    double[] range(double p) {
        if (size == 0) {
            throw new IllegalStateException("no calibration data reached this value");
        }
        if (p >= 1) {
            return new double[] {min, max};
        }
        return quantiles(sorted(), p);
    }

    /**
     * Of the ranges {@link #range} gives for {@code candidates}, the one whose uint8 rounding and
     * clipping changes the sampled values least (mean squared error): a per-value choice where one
     * percentile for all values was measured to be either too tight for some or too loose for others.
     */
    double[] minimumErrorRange(double[] candidates) {
        float[] s = sorted();
        double[] best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (double p : candidates) {
            double[] r = p >= 1 ? new double[] {min, max} : quantiles(s, p);
            QuantParams q = QuantParams.ofRange(r[0], r[1]);
            double error = 0;
            for (float v : s) {
                double level = Math.max(0, Math.min(255, Math.rint(v / q.scale()) + q.zeroPoint()));
                double d = v - (level - q.zeroPoint()) * q.scale();
                error += d * d;
            }
            if (error < bestError) {
                bestError = error;
                best = r;
            }
        }
        return best;
    }

    private float[] sorted() {
        if (size == 0) {
            throw new IllegalStateException("no calibration data reached this value");
        }
        float[] s = Arrays.copyOf(sample, size);
        Arrays.sort(s);
        return s;
    }

    private static double[] quantiles(float[] s, double p) {
        int hi = (int) Math.min(s.length - 1, Math.ceil(p * (s.length - 1)));
        int lo = (int) Math.max(0, Math.floor((1 - p) * (s.length - 1)));
        return new double[] {s[lo], s[hi]};
    }
}
