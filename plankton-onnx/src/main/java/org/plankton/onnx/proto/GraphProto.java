package org.plankton.onnx.proto;

import java.io.IOException;
import java.util.List;

/**
 * onnx.proto's {@code GraphProto}: nodes in topological order, the weights as initializers (not
 * listed among the inputs, so a runtime may fold them as constants: allowed since IR 4), and the
 * graph's inputs and outputs.
 */
public record GraphProto(String name, List<NodeProto> nodes, List<TensorProto> initializers,
                         List<ValueInfoProto> inputs, List<ValueInfoProto> outputs, String docString)
        implements ProtoMessage {

    private static final int NODE = 1;
    private static final int NAME = 2;
    private static final int INITIALIZER = 5;
    private static final int DOC_STRING = 10;
    private static final int INPUT = 11;
    private static final int OUTPUT = 12;

    public GraphProto {
        nodes = List.copyOf(nodes);
        initializers = List.copyOf(initializers);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    @Override
    public int serializedSize() {
        long size = ProtoMessage.fieldsSize(NODE, nodes) + ProtoMessage.optionalStringSize(NAME, name)
                + ProtoMessage.fieldsSize(INITIALIZER, initializers) + ProtoMessage.optionalStringSize(DOC_STRING, docString)
                + ProtoMessage.fieldsSize(INPUT, inputs) + ProtoMessage.fieldsSize(OUTPUT, outputs);
        return ProtoMessage.checkedSize(size);
    }

    @Override
    public void writeTo(ProtoWriter out) throws IOException {
        ProtoMessage.writeFields(out, NODE, nodes);
        ProtoMessage.writeOptionalString(out, NAME, name);
        ProtoMessage.writeFields(out, INITIALIZER, initializers);
        ProtoMessage.writeOptionalString(out, DOC_STRING, docString);
        ProtoMessage.writeFields(out, INPUT, inputs);
        ProtoMessage.writeFields(out, OUTPUT, outputs);
    }
}
