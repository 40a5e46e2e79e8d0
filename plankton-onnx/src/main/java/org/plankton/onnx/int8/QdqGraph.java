package org.plankton.onnx.int8;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.plankton.onnx.proto.AttributeProto;
import org.plankton.onnx.proto.DataType;
import org.plankton.onnx.proto.GraphProto;
import org.plankton.onnx.proto.NodeProto;
import org.plankton.onnx.proto.TensorProto;
import org.plankton.onnx.proto.ValueInfoProto;

/**
 * Rewrites a batch-norm folded graph into QDQ form following a {@link QuantPlan}: after each
 * quantised value (or at the start, for a graph input) a {@code QuantizeLinear} to uint8 and a
 * {@code DequantizeLinear} back, read by every node that read the value; each quantised Conv or
 * Gemm reads its weight through a per-output-channel {@code DequantizeLinear} of an int8 tensor
 * (symmetric, zero point 0, as ONNX Runtime's integer kernels want) and its bias through one of an
 * int32 tensor with scale input scale x weight scale (zero point 0), the layout QLinearConv and
 * QGemm take. uint8 activations with int8 weights (U8S8) is the pairing the AVX-512 VNNI
 * instruction multiplies natively; no reduced range, which only non-VNNI CPUs need.
 */
final class QdqGraph {

    private final GraphProto g;
    private final QuantPlan plan;
    private final Map<String, QuantParams> params;
    private final Map<String, TensorProto> init;
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers;

    private QdqGraph(GraphProto g, QuantPlan plan, Map<String, QuantParams> params) {
        this.g = g;
        this.plan = plan;
        this.params = params;
        this.init = Graphs.initializers(g);
        this.initializers = new ArrayList<>(g.initializers());
    }

    /** {@code params}: the activation scale and zero point of each of {@code plan.calibrated}. */
    static GraphProto rewrite(GraphProto g, QuantPlan plan, Map<String, QuantParams> params) {
        QdqGraph q = new QdqGraph(g, plan, params);
        for (String v : plan.calibrated) {
            if (!params.containsKey(v)) {
                throw new IllegalArgumentException("no calibrated range for " + v);
            }
            q.activationParams(v);
        }
        for (ValueInfoProto in : g.inputs()) {
            if (plan.isQuantised(in.name())) {
                q.quantiseDequantise(in.name());
            }
        }
        for (NodeProto n : g.nodes()) {
            q.emit(n);
        }
        return Graphs.with(g, q.nodes, q.initializers);
    }

    private void emit(NodeProto n) {
        List<String> inputs = new ArrayList<>();
        for (String in : n.inputs()) {
            inputs.add(plan.isQuantised(in) ? dequantised(in) : in);
        }
        if (plan.compute.contains(n)) {
            QuantParams x = params.get(plan.owner(n.inputs().get(0)));
            boolean transposed = n.opType().equals("Gemm") && isTransB(n);
            float[] wScales = weight(n.name(), n.inputs().get(1), n.opType().equals("Gemm") && !transposed ? 1 : 0);
            inputs.set(1, n.inputs().get(1) + "/dequantized");
            if (n.inputs().size() > 2 && !n.inputs().get(2).isEmpty()) {
                bias(n.inputs().get(2), x.scale(), wScales);
                inputs.set(2, n.inputs().get(2) + "/dequantized");
            }
        }
        nodes.add(new NodeProto(n.opType(), n.name(), inputs, n.outputs(), n.attributes()));
        for (String out : n.outputs()) {
            if (plan.isQuantised(out)) {
                quantiseDequantise(out);
            }
        }
    }

    private static boolean isTransB(NodeProto n) {
        AttributeProto t = Graphs.attribute(n, "transB");
        return t != null && t.intValue() == 1;
    }

    private void activationParams(String v) {
        QuantParams p = params.get(v);
        initializers.add(TensorProto.floats(v + "/scale", new long[0], new float[] {p.scale()}));
        initializers.add(TensorProto.bytes(v + "/zero_point", DataType.UINT8, new long[0], new byte[] {(byte) p.zeroPoint()}));
    }

    private void quantiseDequantise(String v) {
        String owner = plan.owner(v);
        List<String> qp = List.of(owner + "/scale", owner + "/zero_point");
        String q = v + "/quantized";
        nodes.add(new NodeProto("QuantizeLinear", q, List.of(v, qp.get(0), qp.get(1)), List.of(q), List.of()));
        nodes.add(new NodeProto("DequantizeLinear", dequantised(v), List.of(q, qp.get(0), qp.get(1)),
                List.of(dequantised(v)), List.of()));
    }

    private static String dequantised(String v) {
        return v + "/dequantized";
    }

    /** The weight as int8 along {@code axis} (output channels) behind a DequantizeLinear; returns the scales. */
    private float[] weight(String node, String name, int axis) {
        TensorProto w = init.get(name);
        QuantParams.Int8Weights q = QuantParams.weights(w.floatValues(), w.dims(), axis);
        long[] c = {q.scales().length};
        initializers.add(TensorProto.bytes(name + "/int8", DataType.INT8, w.dims(), q.values()));
        initializers.add(TensorProto.floats(name + "/scales", c, q.scales()));
        initializers.add(TensorProto.bytes(name + "/zero_points", DataType.INT8, c, new byte[q.scales().length]));
        nodes.add(new NodeProto("DequantizeLinear", name + "/dequantized", List.of(name + "/int8", name + "/scales",
                name + "/zero_points"), List.of(name + "/dequantized"), List.of(AttributeProto.of("axis", (long) axis))));
        return q.scales();
    }

    private void bias(String name, float inputScale, float[] weightScales) {
        float[] b = init.get(name).floatValues();
        float[] scales = new float[b.length];
        int[] values = new int[b.length];
        for (int c = 0; c < b.length; c++) {
            scales[c] = inputScale * weightScales[c];
            values[c] = (int) Math.max(Integer.MIN_VALUE + 1L, Math.min(Integer.MAX_VALUE, Math.round(b[c] / (double) scales[c])));
        }
        long[] dims = {b.length};
        initializers.add(TensorProto.int32s(name + "/int32", dims, values));
        initializers.add(TensorProto.floats(name + "/scales", dims, scales));
        initializers.add(TensorProto.int32s(name + "/zero_points", dims, new int[b.length]));
        nodes.add(new NodeProto("DequantizeLinear", name + "/dequantized", List.of(name + "/int32", name + "/scales",
                name + "/zero_points"), List.of(name + "/dequantized"), List.of(AttributeProto.of("axis", 0L))));
    }
}
