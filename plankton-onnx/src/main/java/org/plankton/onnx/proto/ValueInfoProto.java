package org.plankton.onnx.proto;

import com.google.protobuf.CodedOutputStream;
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
        return ProtoMessage.stringSize(NAME, name) + ProtoMessage.fieldSize(TYPE, typeProto())
                + ProtoMessage.stringSize(DOC_STRING, docString);
    }

    @Override
    public void writeTo(CodedOutputStream out) throws IOException {
        ProtoMessage.writeString(out, NAME, name);
        ProtoMessage.writeField(out, TYPE, typeProto());
        ProtoMessage.writeString(out, DOC_STRING, docString);
    }

    /** TypeProto { tensor_type = 1: Tensor { elem_type = 1, shape = 2: TensorShapeProto { dim = 1 } } }. */
    private ProtoMessage typeProto() {
        List<ProtoMessage> dims = shape.stream().map(ValueInfoProto::dimension).toList();
        ProtoMessage shapeProto = message(out -> ProtoMessage.writeFields(out, 1, dims), ProtoMessage.fieldsSize(1, dims));
        ProtoMessage tensor = message(out -> {
            out.writeInt32(1, type.code);
            ProtoMessage.writeField(out, 2, shapeProto);
        }, CodedOutputStream.computeInt32Size(1, type.code) + ProtoMessage.fieldSize(2, shapeProto));
        return message(out -> ProtoMessage.writeField(out, 1, tensor), ProtoMessage.fieldSize(1, tensor));
    }

    /** TensorShapeProto.Dimension: dim_value = 1 or dim_param = 2. */
    private static ProtoMessage dimension(Object d) {
        if (d instanceof Long v) {
            return message(out -> out.writeInt64(1, v), CodedOutputStream.computeInt64Size(1, v));
        }
        String p = (String) d;
        return message(out -> out.writeString(2, p), CodedOutputStream.computeStringSize(2, p));
    }

    private interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    private static ProtoMessage message(Body body, int size) {
        return new ProtoMessage() {
            @Override
            public int serializedSize() {
                return size;
            }

            @Override
            public void writeTo(CodedOutputStream out) throws IOException {
                body.write(out);
            }
        };
    }
}
