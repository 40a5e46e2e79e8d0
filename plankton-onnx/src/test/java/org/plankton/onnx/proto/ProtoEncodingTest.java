package org.plankton.onnx.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The messages decode, with protobuf's generic parser, to the fields onnx.proto defines: field
 * numbers, wire types, little-endian raw data, the attribute type discriminator, and sizes that
 * match what is written.
 */
class ProtoEncodingTest {

    private static ModelProto tinyModel() {
        TensorProto w = TensorProto.floats("w", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, -6.5f});
        NodeProto gemm = new NodeProto("Gemm", "y", List.of("x", "w", ""), List.of("y"),
                List.of(AttributeProto.of("transB", 1L), AttributeProto.of("alpha", 0.5f),
                        AttributeProto.ints("perm", 0, -1), AttributeProto.of("mode", "constant")));
        ValueInfoProto x = new ValueInfoProto("x", DataType.FLOAT, List.of("N", 3L), "input");
        ValueInfoProto y = new ValueInfoProto("y", DataType.FLOAT, List.of("N", 2L), "");
        GraphProto graph = new GraphProto("g", List.of(gemm), List.of(w), List.of(x), List.of(y), "doc");
        return new ModelProto(8, 17, "plankton", "dev", "a model", graph, Map.of("k", "v"));
    }

    @Test
    void modelDecodesToTheSpecsFields() throws Exception {
        byte[] bytes = tinyModel().toByteArray();
        assertThat(bytes).hasSize(tinyModel().serializedSize());
        UnknownFieldSet model = UnknownFieldSet.parseFrom(bytes);
        assertThat(model.getField(1).getVarintList()).containsExactly(8L); // ir_version
        assertThat(model.getField(2).getLengthDelimitedList()).containsExactly(ByteString.copyFromUtf8("plankton"));
        UnknownFieldSet opset = UnknownFieldSet.parseFrom(model.getField(8).getLengthDelimitedList().get(0));
        assertThat(opset.getField(2).getVarintList()).containsExactly(17L);
        assertThat(opset.hasField(1)).as("default domain: no domain field").isFalse();
        UnknownFieldSet entry = UnknownFieldSet.parseFrom(model.getField(14).getLengthDelimitedList().get(0));
        assertThat(entry.getField(1).getLengthDelimitedList().get(0).toStringUtf8()).isEqualTo("k");

        UnknownFieldSet graph = UnknownFieldSet.parseFrom(model.getField(7).getLengthDelimitedList().get(0));
        assertThat(graph.getField(2).getLengthDelimitedList().get(0).toStringUtf8()).isEqualTo("g");

        UnknownFieldSet node = UnknownFieldSet.parseFrom(graph.getField(1).getLengthDelimitedList().get(0));
        assertThat(node.getField(1).getLengthDelimitedList()).extracting(ByteString::toStringUtf8).containsExactly("x", "w", "");
        assertThat(node.getField(4).getLengthDelimitedList().get(0).toStringUtf8()).isEqualTo("Gemm");
        List<ByteString> attributes = node.getField(5).getLengthDelimitedList();
        UnknownFieldSet transB = UnknownFieldSet.parseFrom(attributes.get(0));
        assertThat(transB.getField(3).getVarintList()).containsExactly(1L);
        assertThat(transB.getField(20).getVarintList()).as("type INT").containsExactly(2L);
        UnknownFieldSet alpha = UnknownFieldSet.parseFrom(attributes.get(1));
        assertThat(Float.intBitsToFloat(alpha.getField(2).getFixed32List().get(0))).isEqualTo(0.5f);
        assertThat(alpha.getField(20).getVarintList()).as("type FLOAT").containsExactly(1L);
        UnknownFieldSet perm = UnknownFieldSet.parseFrom(attributes.get(2));
        assertThat(perm.getField(8).getVarintList()).as("ints, one tag each").containsExactly(0L, -1L);
        assertThat(perm.getField(20).getVarintList()).as("type INTS").containsExactly(7L);
        UnknownFieldSet mode = UnknownFieldSet.parseFrom(attributes.get(3));
        assertThat(mode.getField(4).getLengthDelimitedList().get(0).toStringUtf8()).isEqualTo("constant");

        UnknownFieldSet tensor = UnknownFieldSet.parseFrom(graph.getField(5).getLengthDelimitedList().get(0));
        assertThat(tensor.getField(1).getVarintList()).containsExactly(2L, 3L);
        assertThat(tensor.getField(2).getVarintList()).as("FLOAT").containsExactly(1L);
        ByteBuffer raw = tensor.getField(9).getLengthDelimitedList().get(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(raw.getFloat(5 * 4)).isEqualTo(-6.5f);

        UnknownFieldSet input = UnknownFieldSet.parseFrom(graph.getField(11).getLengthDelimitedList().get(0));
        UnknownFieldSet type = UnknownFieldSet.parseFrom(input.getField(2).getLengthDelimitedList().get(0));
        UnknownFieldSet tensorType = UnknownFieldSet.parseFrom(type.getField(1).getLengthDelimitedList().get(0));
        assertThat(tensorType.getField(1).getVarintList()).containsExactly(1L);
        UnknownFieldSet shape = UnknownFieldSet.parseFrom(tensorType.getField(2).getLengthDelimitedList().get(0));
        List<ByteString> dims = shape.getField(1).getLengthDelimitedList();
        assertThat(UnknownFieldSet.parseFrom(dims.get(0)).getField(2).getLengthDelimitedList().get(0).toStringUtf8())
                .isEqualTo("N");
        assertThat(UnknownFieldSet.parseFrom(dims.get(1)).getField(1).getVarintList()).containsExactly(3L);
    }

    @Test
    void wireEncodingIsProtobufJavasByteForByte() throws Exception {
        java.util.Random r = new java.util.Random(3);
        long[] values = {0, 1, 127, 128, 300, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, r.nextLong(), r.nextInt()};
        for (long v : values) {
            for (int field : new int[] {1, 15, 16, 2047, 20}) {
                java.io.ByteArrayOutputStream ours = new java.io.ByteArrayOutputStream();
                ProtoWriter w = new ProtoWriter(ours);
                w.int64(field, v);
                w.float32(field, Float.intBitsToFloat((int) v));
                w.string(field, "x\u00e9" + v);
                java.io.ByteArrayOutputStream theirs = new java.io.ByteArrayOutputStream();
                com.google.protobuf.CodedOutputStream c = com.google.protobuf.CodedOutputStream.newInstance(theirs);
                c.writeInt64(field, v);
                c.writeFloat(field, Float.intBitsToFloat((int) v));
                c.writeString(field, "x\u00e9" + v);
                c.flush();
                assertThat(ours.toByteArray()).as("field %d value %d", field, v).isEqualTo(theirs.toByteArray());
                assertThat(ProtoWriter.int64Size(field, v)).isEqualTo(com.google.protobuf.CodedOutputStream.computeInt64Size(field, v));
                assertThat(ProtoWriter.stringSize(field, "x\u00e9" + v))
                        .isEqualTo(com.google.protobuf.CodedOutputStream.computeStringSize(field, "x\u00e9" + v));
            }
        }
    }

    @Test
    void badTensorsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> new TensorProto("t", DataType.FLOAT, new long[] {2, 2}, new byte[12]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 16 bytes");
        assertThatThrownBy(() -> new ValueInfoProto("x", DataType.FLOAT, List.of(1), ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Long or a String");
    }
}
