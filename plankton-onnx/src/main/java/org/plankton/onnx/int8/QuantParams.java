package org.plankton.onnx.int8;

/**
 * An activation's uint8 scale and zero point, and the int8 per-channel quantisation of weights.
 * The activation range always includes 0 (so zero padding is exact, as ONNX Runtime's quantiser
 * also ensures); a weight's scale is its channel's largest magnitude over 127 (symmetric: -127..127,
 * never -128, so that negating a value cannot overflow).
 */
record QuantParams(float scale, int zeroPoint) {

    /** The int8 values of a weight and one scale per slice along the output-channel axis. */
    record Int8Weights(byte[] values, float[] scales) {
    }

    static QuantParams ofRange(double lo, double hi) {
        double low = Math.min(0, lo);
        double high = Math.max(0, hi);
        double scale = (high - low) / 255;
        if (!(scale > 0) || Double.isInfinite(scale)) {
            return new QuantParams(1f, 0);
        }
        int zero = (int) Math.max(0, Math.min(255, Math.round(-low / scale)));
        return new QuantParams((float) scale, zero);
    }

    /** {@code w} of shape {@code dims} (row-major) quantised per slice along {@code axis} (0 or 1 of a 2-D weight). */
    static Int8Weights weights(float[] w, long[] dims, int axis) {
        int channels = (int) dims[axis];
        int inner = 1;
        for (int d = axis + 1; d < dims.length; d++) {
            inner *= (int) dims[d];
        }
        float[] max = new float[channels];
        for (int i = 0; i < w.length; i++) {
            int c = (i / inner) % channels;
            max[c] = Math.max(max[c], Math.abs(w[i]));
        }
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = max[c] > 0 ? max[c] / 127f : 1f;
        }
        byte[] q = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            int c = (i / inner) % channels;
            q[i] = (byte) Math.max(-127, Math.min(127, Math.round(w[i] / scales[c])));
        }
        return new Int8Weights(q, scales);
    }
}
