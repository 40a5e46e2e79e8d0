package org.plankton.core.weights;

import java.util.Arrays;

/**
 * One named float tensor in row-major (C) order. The arrays are not copied (weights can be tens of
 * megabytes), so treat them as read-only once the record exists; equality is by content.
 *
 * @param name   the parameter's name (e.g. {@code 01convnet_01Conv2d_weight} or just {@code weight})
 * @param shape  the dimensions; empty for a scalar
 * @param values {@code product(shape)} floats
 */
public record NamedTensor(String name, long[] shape, float[] values) {

    public NamedTensor {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a tensor needs a name, got '" + name + "'");
        }
        if (shape == null || values == null) {
            throw new IllegalArgumentException("tensor " + name + " needs a shape and values");
        }
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor " + name + " has a negative dimension: " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        if (n != values.length) {
            throw new IllegalArgumentException("tensor " + name + " of shape " + Arrays.toString(shape) + " needs "
                    + n + " values, got " + values.length);
        }
    }

    /** The same values under another name (for mapping between engines' naming schemes). */
    public NamedTensor withName(String newName) {
        return new NamedTensor(newName, shape, values);
    }

    /** Number of elements. */
    public int size() {
        return values.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedTensor t && name.equals(t.name) && Arrays.equals(shape, t.shape)
                && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
