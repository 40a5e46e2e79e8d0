package org.plankton.onnx.proto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.plankton.core.weights.Half;

/**
 * onnx.proto's {@code TensorProto}: a named constant (an initializer or an attribute value). The
 * values go in {@code raw_data}, little-endian as the spec requires: one bulk copy, and the form
 * every runtime reads fastest.
 *
 * @param dims    the shape; empty for a scalar
 * @param rawData {@code product(dims) * type.bytes} bytes, little-endian (not copied: treat as read-only)
 */
public record TensorProto(String name, DataType type, long[] dims, byte[] rawData) implements ProtoMessage {

    private static final int DIMS = 1;
    private static final int DATA_TYPE = 2;
    private static final int NAME = 8;
    private static final int RAW_DATA = 9;

    public TensorProto {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an ONNX tensor needs a name");
        }
        dims = dims.clone();
        long n = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor " + name + " has a negative dimension: " + Arrays.toString(dims));
            }
            n = Math.multiplyExact(n, d);
        }
        if (rawData.length != n * type.bytes) {
            throw new IllegalArgumentException("tensor " + name + " of shape " + Arrays.toString(dims) + " needs "
                    + n * type.bytes + " bytes of " + type + ", got " + rawData.length);
        }
    }

    /** A float32 tensor holding {@code values} (row-major). */
    public static TensorProto floats(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new TensorProto(name, DataType.FLOAT, dims, b.array());
    }

    /** A float16 tensor holding {@code values} rounded to the nearest half (row-major). */
    public static TensorProto halves(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putShort(Half.fromFloat(v));
        }
        return new TensorProto(name, DataType.FLOAT16, dims, b.array());
    }

    /** An int8 ({@code DataType.INT8}) or uint8 ({@code DataType.UINT8}) tensor: the low 8 bits of each value. */
    public static TensorProto bytes(String name, DataType type, long[] dims, byte[] values) {
        if (type.bytes != 1) {
            throw new IllegalArgumentException(type + " is not a one-byte type");
        }
        return new TensorProto(name, type, dims, values.clone());
    }

    /** An int32 tensor holding {@code values} (row-major). */
    public static TensorProto int32s(String name, long[] dims, int[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return new TensorProto(name, DataType.INT32, dims, b.array());
    }

    /** The values of a float32 tensor (a copy). */
    public float[] floatValues() {
        if (type != DataType.FLOAT) {
            throw new IllegalStateException("tensor " + name + " is " + type + ", not FLOAT");
        }
        float[] v = new float[rawData.length / 4];
        ByteBuffer.wrap(rawData).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    /** An int64 tensor holding {@code values} (row-major). */
    public static TensorProto int64s(String name, long[] dims, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new TensorProto(name, DataType.INT64, dims, b.array());
    }

    @Override
    public int serializedSize() {
        long size = 0;
        for (long d : dims) {
            size += ProtoWriter.int64Size(DIMS, d);
        }
        size += ProtoWriter.int64Size(DATA_TYPE, type.code);
        size += ProtoMessage.optionalStringSize(NAME, name);
        size += ProtoWriter.bytesSize(RAW_DATA, rawData.length);
        return ProtoMessage.checkedSize(size);
    }

    @Override
    public void writeTo(ProtoWriter out) throws IOException {
        // dims is a proto2 "repeated int64" without [packed=true]: one tag per value.
        for (long d : dims) {
            out.int64(DIMS, d);
        }
        out.int64(DATA_TYPE, type.code);
        ProtoMessage.writeOptionalString(out, NAME, name);
        out.bytes(RAW_DATA, rawData);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorProto t && name.equals(t.name) && type == t.type && Arrays.equals(dims, t.dims)
                && Arrays.equals(rawData, t.rawData);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(dims)) + Arrays.hashCode(rawData);
    }

    @Override
    public String toString() {
        return name + ":" + type + Arrays.toString(dims);
    }
}
