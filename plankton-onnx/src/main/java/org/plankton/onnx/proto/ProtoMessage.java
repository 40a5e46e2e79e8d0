package org.plankton.onnx.proto;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
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
    void writeTo(CodedOutputStream out) throws IOException;

    /** The encoded message. */
    default byte[] toByteArray() {
        int size = serializedSize();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(size);
        try {
            writeTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return bytes.toByteArray();
    }

    /** Writes the encoded message to {@code out} (buffered; {@code out} is flushed, not closed). */
    default void writeTo(OutputStream out) throws IOException {
        CodedOutputStream coded = CodedOutputStream.newInstance(out, 1 << 16);
        writeTo(coded);
        coded.flush();
    }

    /** Size of {@code m} as field {@code field} of its parent: tag, length prefix, body. */
    static int fieldSize(int field, ProtoMessage m) {
        int n = m.serializedSize();
        return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(n) + n;
    }

    /** Sum of {@link #fieldSize} over a repeated field; 2 GiB and more is refused (protobuf's limit). */
    static int fieldsSize(int field, List<? extends ProtoMessage> messages) {
        long total = 0;
        for (ProtoMessage m : messages) {
            total += fieldSize(field, m);
        }
        return checkedSize(total);
    }

    /** Writes {@code m} as field {@code field}: tag, length prefix, body. */
    static void writeField(CodedOutputStream out, int field, ProtoMessage m) throws IOException {
        out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(m.serializedSize());
        m.writeTo(out);
    }

    static void writeFields(CodedOutputStream out, int field, List<? extends ProtoMessage> messages) throws IOException {
        for (ProtoMessage m : messages) {
            writeField(out, field, m);
        }
    }

    /** Size of an optional string field: 0 when absent (null or empty), as protobuf omits it. */
    static int stringSize(int field, String s) {
        return s == null || s.isEmpty() ? 0 : CodedOutputStream.computeStringSize(field, s);
    }

    static void writeString(CodedOutputStream out, int field, String s) throws IOException {
        if (s != null && !s.isEmpty()) {
            out.writeString(field, s);
        }
    }

    /**
     * A protobuf message may not reach 2 GiB; ONNX keeps larger weights in external files, which
     * our networks (megabytes) never need, so a size that large is a bug or a misuse, said plainly.
     */
    static int checkedSize(long size) {
        if (size > Integer.MAX_VALUE - 1024) {
            throw new IllegalArgumentException("an ONNX message of " + size + " bytes exceeds protobuf's 2 GiB limit");
        }
        return (int) size;
    }
}
