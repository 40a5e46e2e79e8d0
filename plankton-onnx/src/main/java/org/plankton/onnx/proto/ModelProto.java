package org.plankton.onnx.proto;

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
        long size = ProtoWriter.int64Size(IR_VERSION, irVersion)
                + ProtoMessage.optionalStringSize(PRODUCER_NAME, producerName)
                + ProtoMessage.optionalStringSize(PRODUCER_VERSION, producerVersion)
                + ProtoMessage.optionalStringSize(DOC_STRING, docString)
                + ProtoWriter.messageSize(GRAPH, graph)
                + ProtoWriter.messageSize(OPSET_IMPORT, opset());
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            size += ProtoWriter.messageSize(METADATA_PROPS, entry(e.getKey(), e.getValue()));
        }
        return ProtoMessage.checkedSize(size);
    }

    @Override
    public void writeTo(ProtoWriter out) throws IOException {
        out.int64(IR_VERSION, irVersion);
        ProtoMessage.writeOptionalString(out, PRODUCER_NAME, producerName);
        ProtoMessage.writeOptionalString(out, PRODUCER_VERSION, producerVersion);
        ProtoMessage.writeOptionalString(out, DOC_STRING, docString);
        out.message(GRAPH, graph);
        out.message(OPSET_IMPORT, opset());
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            out.message(METADATA_PROPS, entry(e.getKey(), e.getValue()));
        }
    }

    /** OperatorSetIdProto { domain = 1 (empty: the default ai.onnx domain, so omitted), version = 2 }. */
    private ProtoMessage opset() {
        return ProtoMessage.of(ProtoWriter.int64Size(2, opsetVersion), out -> out.int64(2, opsetVersion));
    }

    /** StringStringEntryProto { key = 1, value = 2 }. */
    private static ProtoMessage entry(String key, String value) {
        return ProtoMessage.of(ProtoWriter.stringSize(1, key) + ProtoWriter.stringSize(2, value), out -> {
            out.string(1, key);
            out.string(2, value);
        });
    }
}
