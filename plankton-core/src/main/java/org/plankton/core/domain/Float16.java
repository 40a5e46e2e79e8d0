package org.plankton.core.domain;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.plankton.core.weights.Half;

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

    static short toHalf(float f) {
        return Half.fromFloat(f);
    }

    static float toFloat(short h) {
        return Half.toFloat(h);
    }
}
