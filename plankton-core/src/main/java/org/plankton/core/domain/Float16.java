package org.plankton.core.domain;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * IEEE half-precision packing of float tables (Java 17 has no Float.floatToFloat16): halves the
 * size of {@code domain.json}; the bench measures that the rounding (3 significant digits) leaves
 * the detection figures unchanged.
 */
final class Float16 {

    private Float16() {
    }

    /** Little-endian halves of every value, row after row. */
    static byte[] pack(float[][] rows) {
        int width = rows.length == 0 ? 0 : rows[0].length;
        ByteBuffer b = ByteBuffer.allocate(2 * rows.length * width).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : rows) {
            for (float v : row) {
                b.putShort(toHalf(v));
            }
        }
        return b.array();
    }

    /** Every value rounded to the nearest half, as a float. */
    static float[][] round(float[][] rows) {
        return rows.length == 0 ? new float[0][] : unpack(pack(rows), rows.length, rows[0].length);
    }

    static float[][] unpack(byte[] bytes, int rows, int width) {
        if (bytes.length != 2L * rows * width) {
            throw new IllegalArgumentException(bytes.length + " bytes, expected " + (2L * rows * width) + " for "
                    + rows + " x " + width + " halves");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[][] out = new float[rows][width];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < width; i++) {
                out[r][i] = toFloat(b.getShort());
            }
        }
        return out;
    }

    /** Round to nearest even; overflow to infinity, tiny values to subnormals or zero. */
    static short toHalf(float f) {
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        int mant = bits & 0x7fffff;
        if (((bits >>> 23) & 0xff) == 0xff) {
            return (short) (sign | 0x7c00 | (mant != 0 ? 0x200 : 0));
        }
        if (exp >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (exp <= 0) {
            if (exp < -10) {
                return (short) sign;
            }
            mant |= 0x800000;
            int shift = 14 - exp;
            int half = mant >> shift;
            int rest = mant & ((1 << shift) - 1);
            int mid = 1 << (shift - 1);
            if (rest > mid || (rest == mid && (half & 1) != 0)) {
                half++;
            }
            return (short) (sign | half);
        }
        int half = (exp << 10) | (mant >> 13);
        int rest = mant & 0x1fff;
        if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
            half++; // may carry into the exponent, which is still the right rounding
        }
        return (short) (sign | half);
    }

    static float toFloat(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant / 1024f / 16384f; // subnormal: mant * 2^-24
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }
}
