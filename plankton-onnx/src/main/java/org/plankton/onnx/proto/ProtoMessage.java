package org.plankton.onnx.proto;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A protobuf message that encodes itself the way generated code does: its size first (so a parent
 * can write the length prefix), then its fields straight into the output stream, so a model's
 * weights are copied once, not once per nesting level.
 */
public interface ProtoMessage {

    /** Bytes of this message's fields (without its own tag and length prefix). */
    int serializedSize();

    /** Writes this message's fields. */
    void writeTo(ProtoWriter out) throws IOException;

    /** The encoded message. */
    default byte[] toByteArray() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(serializedSize());
        try {
            writeTo(new ProtoWriter(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return bytes.toByteArray();
    }

    /** Writes the encoded message to {@code out} (buffered here; {@code out} is flushed, not closed). */
    default void writeTo(OutputStream out) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        writeTo(new ProtoWriter(buffered));
        buffered.flush();
    }

    /** The fields a writer writes, for a message simple enough to need no class of its own. */
    @FunctionalInterface
    interface Body {
        void write(ProtoWriter out) throws IOException;
    }

    /** A message of {@code size} bytes whose fields {@code body} writes. */
    static ProtoMessage of(long size, Body body) {
        int n = checkedSize(size);
        return new ProtoMessage() {
            @Override
            public int serializedSize() {
                return n;
            }

            @Override
            public void writeTo(ProtoWriter out) throws IOException {
                body.write(out);
            }
        };
    }

    /** Sum of the field sizes of a repeated message field. */
    static long fieldsSize(int field, List<? extends ProtoMessage> messages) {
        long total = 0;
        for (ProtoMessage m : messages) {
            total += ProtoWriter.messageSize(field, m);
        }
        return total;
    }

    static void writeFields(ProtoWriter out, int field, List<? extends ProtoMessage> messages) throws IOException {
        for (ProtoMessage m : messages) {
            out.message(field, m);
        }
    }

    /** Size of an optional string field: 0 when absent (null or empty), as protobuf omits it. */
    static long optionalStringSize(int field, String s) {
        return s == null || s.isEmpty() ? 0 : ProtoWriter.stringSize(field, s);
    }

    static void writeOptionalString(ProtoWriter out, int field, String s) throws IOException {
        if (s != null && !s.isEmpty()) {
            out.string(field, s);
        }
    }

    /**
     * A protobuf message may not reach 2 GiB; ONNX keeps larger weights in external files, which
     * our networks (megabytes) never need, so a size that large is a misuse, said plainly.
     */
    static int checkedSize(long size) {
        if (size > Integer.MAX_VALUE - 1024) {
            throw new IllegalArgumentException("an ONNX message of " + size + " bytes exceeds protobuf's 2 GiB limit");
        }
        return (int) size;
    }
}
