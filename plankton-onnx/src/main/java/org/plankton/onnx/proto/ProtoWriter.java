package org.plankton.onnx.proto;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The protobuf wire format, as much as ONNX files need: varints (wire type 0), 32-bit floats
 * (wire type 5) and length-delimited bytes, strings and messages (wire type 2); with the size
 * functions a parent needs for its length prefixes. Own code rather than protobuf-java, which
 * on the CLI's class path would replace the protobuf version that Spark's libraries resolve
 * (protobuf-java serves as the decoding oracle in the tests).
 */
public final class ProtoWriter {

    static final int VARINT = 0;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final OutputStream out;

    /** Writes to {@code out}, which should be buffered: bytes go one call at a time. */
    public ProtoWriter(OutputStream out) {
        this.out = out;
    }

    void tag(int field, int wireType) throws IOException {
        varint(((long) field << 3) | wireType);
    }

    /** An unsigned 64-bit varint; a negative int64 or int32 takes 10 bytes, as protobuf encodes it. */
    void varint(long v) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    void int64(int field, long v) throws IOException {
        tag(field, VARINT);
        varint(v);
    }

    void float32(int field, float v) throws IOException {
        tag(field, FIXED32);
        int bits = Float.floatToRawIntBits(v);
        out.write(bits);
        out.write(bits >>> 8);
        out.write(bits >>> 16);
        out.write(bits >>> 24);
    }

    void bytes(int field, byte[] b) throws IOException {
        tag(field, LENGTH_DELIMITED);
        varint(b.length);
        out.write(b);
    }

    void string(int field, String s) throws IOException {
        bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    void message(int field, ProtoMessage m) throws IOException {
        tag(field, LENGTH_DELIMITED);
        varint(m.serializedSize());
        m.writeTo(this);
    }

    static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            n++;
            v >>>= 7;
        }
        return n;
    }

    static int tagSize(int field) {
        return varintSize((long) field << 3);
    }

    static int int64Size(int field, long v) {
        return tagSize(field) + varintSize(v);
    }

    static int float32Size(int field) {
        return tagSize(field) + 4;
    }

    static long bytesSize(int field, long length) {
        return tagSize(field) + varintSize(length) + length;
    }

    static long stringSize(int field, String s) {
        return bytesSize(field, s.getBytes(StandardCharsets.UTF_8).length);
    }

    static long messageSize(int field, ProtoMessage m) {
        return bytesSize(field, m.serializedSize());
    }
}
