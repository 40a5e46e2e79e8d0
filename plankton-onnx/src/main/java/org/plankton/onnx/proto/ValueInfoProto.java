package org.plankton.onnx.proto;

import java.io.IOException;
import java.util.List;

/**
 * onnx.proto's {@code ValueInfoProto} for a tensor: a graph input or output with its element type,
 * its shape ({@code TypeProto.Tensor} with a {@code TensorShapeProto}) and a description.
 *
 * @param shape one entry per axis: a {@link Long} size, or a {@link String} naming a symbolic size
 *              (such as the batch size {@code "N"})
 */
public record ValueInfoProto(String name, DataType type, List<Object> shape, String docString) implements ProtoMessage {

    private static final int NAME = 1;
    private static final int TYPE = 2;
    private static final int DOC_STRING = 3;

    public ValueInfoProto {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a graph input or output needs a name");
        }
        shape = List.copyOf(shape);
        for (Object d : shape) {
            if (!(d instanceof Long) && !(d instanceof String)) {
                throw new IllegalArgumentException("a dimension of " + name + " is " + d + ": must be a Long or a String");
            }
        }
    }

    @Override
    public int serializedSize() {
        return ProtoMessage.checkedSize(ProtoMessage.optionalStringSize(NAME, name)
                + ProtoWriter.messageSize(TYPE, typeProto()) + ProtoMessage.optionalStringSize(DOC_STRING, docString));
    }

    @Override
    public void writeTo(ProtoWriter out) throws IOException {
        ProtoMessage.writeOptionalString(out, NAME, name);
        out.message(TYPE, typeProto());
        ProtoMessage.writeOptionalString(out, DOC_STRING, docString);
    }

    /** TypeProto { tensor_type = 1: Tensor { elem_type = 1, shape = 2: TensorShapeProto { dim = 1 } } }. */
    private ProtoMessage typeProto() {
        List<ProtoMessage> dims = shape.stream().map(ValueInfoProto::dimension).toList();
        ProtoMessage shapeProto = ProtoMessage.of(ProtoMessage.fieldsSize(1, dims), out -> ProtoMessage.writeFields(out, 1, dims));
        ProtoMessage tensor = ProtoMessage.of(ProtoWriter.int64Size(1, type.code) + ProtoWriter.messageSize(2, shapeProto),
                out -> {
                    out.int64(1, type.code);
                    out.message(2, shapeProto);
                });
        return ProtoMessage.of(ProtoWriter.messageSize(1, tensor), out -> out.message(1, tensor));
    }

    /** TensorShapeProto.Dimension: dim_value = 1 or dim_param = 2. */
    private static ProtoMessage dimension(Object d) {
        if (d instanceof Long v) {
            return ProtoMessage.of(ProtoWriter.int64Size(1, v), out -> out.int64(1, v));
        }
        String p = (String) d;
        return ProtoMessage.of(ProtoWriter.stringSize(2, p), out -> out.string(2, p));
    }
}
