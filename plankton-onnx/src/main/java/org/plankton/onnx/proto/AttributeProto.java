package org.plankton.onnx.proto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * onnx.proto's {@code AttributeProto}, for the kinds our operators take: one int, one float, a list
 * of ints, or a string. The {@code type} discriminator is always written (required since IR 2).
 * Build through the factories.
 */
public record AttributeProto(String name, Type type, long intValue, float floatValue, long[] ints, String string)
        implements ProtoMessage {

    /** {@code AttributeProto.AttributeType} values. */
    public enum Type {
        FLOAT(1), INT(2), STRING(3), INTS(7);

        final int code;

        Type(int code) {
            this.code = code;
        }
    }

    private static final int NAME = 1;
    private static final int F = 2;
    private static final int I = 3;
    private static final int S = 4;
    private static final int INTS = 8;
    private static final int TYPE = 20;

    public AttributeProto {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an attribute needs a name");
        }
        ints = ints == null ? new long[0] : ints.clone();
        if (type == Type.STRING && string == null) {
            throw new IllegalArgumentException("string attribute " + name + " needs a value");
        }
    }

    public static AttributeProto of(String name, long value) {
        return new AttributeProto(name, Type.INT, value, 0, null, null);
    }

    public static AttributeProto of(String name, float value) {
        return new AttributeProto(name, Type.FLOAT, 0, value, null, null);
    }

    public static AttributeProto of(String name, String value) {
        return new AttributeProto(name, Type.STRING, 0, 0, null, value);
    }

    public static AttributeProto ints(String name, long... values) {
        return new AttributeProto(name, Type.INTS, 0, 0, values, null);
    }

    @Override
    public int serializedSize() {
        long size = ProtoMessage.optionalStringSize(NAME, name) + ProtoWriter.int64Size(TYPE, type.code);
        switch (type) {
            case FLOAT -> size += ProtoWriter.float32Size(F);
            case INT -> size += ProtoWriter.int64Size(I, intValue);
            case STRING -> size += ProtoWriter.bytesSize(S, utf8().length);
            case INTS -> {
                for (long v : ints) {
                    size += ProtoWriter.int64Size(INTS, v);
                }
            }
        }
        return ProtoMessage.checkedSize(size);
    }

    @Override
    public void writeTo(ProtoWriter out) throws IOException {
        ProtoMessage.writeOptionalString(out, NAME, name);
        switch (type) {
            case FLOAT -> out.float32(F, floatValue);
            case INT -> out.int64(I, intValue);
            // "bytes s" in onnx.proto (UTF-8 by convention)
            case STRING -> out.bytes(S, utf8());
            case INTS -> {
                for (long v : ints) { // proto2 "repeated int64", not packed
                    out.int64(INTS, v);
                }
            }
        }
        out.int64(TYPE, type.code);
    }

    private byte[] utf8() {
        return string.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttributeProto a && name.equals(a.name) && type == a.type && intValue == a.intValue
                && Float.compare(floatValue, a.floatValue) == 0 && Arrays.equals(ints, a.ints)
                && java.util.Objects.equals(string, a.string);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + type.hashCode();
    }

    @Override
    public String toString() {
        return name + "=" + switch (type) {
            case FLOAT -> Float.toString(floatValue);
            case INT -> Long.toString(intValue);
            case STRING -> '"' + string + '"';
            case INTS -> Arrays.toString(ints);
        };
    }
}
