package org.plankton.core.weights;

import java.util.List;

/**
 * IEEE 754 half precision (binary16) conversions, which Java gained only in version 20
 * ({@code Float.floatToFloat16}). Used to store weights and tables in half the bytes: a network's
 * weights rounded to half precision change its outputs far less than training noise does (measured
 * per release in docs/results.md), and a weight that is already a half converts back exactly.
 */
public final class Half {

    /** The largest finite half, 65504. */
    public static final float MAX = 65504f;

    private Half() {
    }

    /** Rounds to the nearest half (ties to even); overflow gives infinity, tiny values subnormals or zero. */
    public static short fromFloat(float f) {
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

    /** The half's value as a float (exact: every half is a float). */
    public static float toFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f; // subnormal (or zero)
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** {@code f} rounded to the nearest half, as a float. */
    public static float round(float f) {
        return toFloat(fromFloat(f));
    }

    /** Whether every value is a half already, so that storing them as halves loses nothing. */
    public static boolean exact(float[] values) {
        for (float v : values) {
            if (Float.floatToIntBits(round(v)) != Float.floatToIntBits(v)) {
                return false;
            }
        }
        return true;
    }

    /** Whether every value of every tensor is a half already. */
    public static boolean exact(List<NamedTensor> tensors) {
        return tensors.stream().allMatch(t -> exact(t.values()));
    }
}
