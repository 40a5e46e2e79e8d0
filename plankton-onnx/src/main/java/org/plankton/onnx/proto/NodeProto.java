package org.plankton.onnx.proto;

import java.io.IOException;
import java.util.List;

/**
 * onnx.proto's {@code NodeProto}: one operator of the default domain ({@code ai.onnx}) applied to
 * named values. An empty input name stands for an omitted optional input, as the spec says.
 */
public record NodeProto(String opType, String name, List<String> inputs, List<String> outputs,
                        List<AttributeProto> attributes) implements ProtoMessage {

    private static final int INPUT = 1;
    private static final int OUTPUT = 2;
    private static final int NAME = 3;
    private static final int OP_TYPE = 4;
    private static final int ATTRIBUTE = 5;

    public NodeProto {
        if (opType == null || opType.isEmpty()) {
            throw new IllegalArgumentException("a node needs an operator type");
        }
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = List.copyOf(attributes);
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException(opType + " node " + name + " has no output");
        }
    }

    @Override
    public int serializedSize() {
        long size = 0;
        for (String s : inputs) {
            size += ProtoWriter.stringSize(INPUT, s); // empty names are written: they hold a position
        }
        for (String s : outputs) {
            size += ProtoWriter.stringSize(OUTPUT, s);
        }
        size += ProtoMessage.optionalStringSize(NAME, name) + ProtoMessage.optionalStringSize(OP_TYPE, opType);
        size += ProtoMessage.fieldsSize(ATTRIBUTE, attributes);
        return ProtoMessage.checkedSize(size);
    }

    @Override
    public void writeTo(ProtoWriter out) throws IOException {
        for (String s : inputs) {
            out.string(INPUT, s);
        }
        for (String s : outputs) {
            out.string(OUTPUT, s);
        }
        ProtoMessage.writeOptionalString(out, NAME, name);
        ProtoMessage.writeOptionalString(out, OP_TYPE, opType);
        ProtoMessage.writeFields(out, ATTRIBUTE, attributes);
    }
}
