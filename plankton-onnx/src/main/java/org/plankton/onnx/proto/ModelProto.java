package org.plankton.onnx.proto;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * onnx.proto's {@code ModelProto}: IR version, one opset import (the default domain), producer,
 * description, the graph, and string metadata ({@code metadata_props}, which ONNX Runtime exposes
 * as a model's custom metadata).
 */
public record ModelProto(long irVersion, long opsetVersion, String producerName, String producerVersion,
                         String docString, GraphProto graph, Map<String, String> metadata) implements ProtoMessage {

    private static final int IR_VERSION = 1;
    private static final int PRODUCER_NAME = 2;
    private static final int PRODUCER_VERSION = 3;
    private static final int DOC_STRING = 6;
    private static final int GRAPH = 7;
    private static final int OPSET_IMPORT = 8;
    private static final int METADATA_PROPS = 14;

    public ModelProto {
        if (irVersion < 3 || opsetVersion < 1) {
            throw new IllegalArgumentException("IR version must be >= 3 (opset imports), got " + irVersion
                    + "; opset must be >= 1, got " + opsetVersion);
        }
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    @Override
    public int serializedSize() {
        long size = CodedOutputStream.computeInt64Size(IR_VERSION, irVersion)
                + ProtoMessage.stringSize(PRODUCER_NAME, producerName)
                + ProtoMessage.stringSize(PRODUCER_VERSION, producerVersion)
                + ProtoMessage.stringSize(DOC_STRING, docString)
                + ProtoMessage.fieldSize(GRAPH, graph)
                + ProtoMessage.fieldSize(OPSET_IMPORT, opset());
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            size += ProtoMessage.fieldSize(METADATA_PROPS, entry(e.getKey(), e.getValue()));
        }
        return ProtoMessage.checkedSize(size);
    }

    @Override
    public void writeTo(CodedOutputStream out) throws IOException {
        out.writeInt64(IR_VERSION, irVersion);
        ProtoMessage.writeString(out, PRODUCER_NAME, producerName);
        ProtoMessage.writeString(out, PRODUCER_VERSION, producerVersion);
        ProtoMessage.writeString(out, DOC_STRING, docString);
        ProtoMessage.writeField(out, GRAPH, graph);
        ProtoMessage.writeField(out, OPSET_IMPORT, opset());
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            ProtoMessage.writeField(out, METADATA_PROPS, entry(e.getKey(), e.getValue()));
        }
    }

    /** OperatorSetIdProto { domain = 1 (empty: the default ai.onnx domain, so omitted), version = 2 }. */
    private ProtoMessage opset() {
        long v = opsetVersion;
        return new ProtoMessage() {
            @Override
            public int serializedSize() {
                return CodedOutputStream.computeInt64Size(2, v);
            }

            @Override
            public void writeTo(CodedOutputStream out) throws IOException {
                out.writeInt64(2, v);
            }
        };
    }

    /** StringStringEntryProto { key = 1, value = 2 }. */
    private static ProtoMessage entry(String key, String value) {
        return new ProtoMessage() {
            @Override
            public int serializedSize() {
                return CodedOutputStream.computeStringSize(1, key) + CodedOutputStream.computeStringSize(2, value);
            }

            @Override
            public void writeTo(CodedOutputStream out) throws IOException {
                out.writeString(1, key);
                out.writeString(2, value);
            }
        };
    }
}
