package org.plankton.onnx.int8;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plankton.onnx.proto.AttributeProto;
import org.plankton.onnx.proto.GraphProto;
import org.plankton.onnx.proto.NodeProto;
import org.plankton.onnx.proto.TensorProto;

/**
 * Folds each {@code BatchNormalization} that follows a {@code Conv} (and is its only reader) into
 * that convolution's weight and bias: {@code w' = w * gamma / sqrt(var + eps)},
 * {@code b' = beta + (b - mean) * gamma / sqrt(var + eps)}. The fp32 export keeps batch norm as a
 * node (ONNX Runtime folds it itself), but a quantised graph must quantise the folded weight: once
 * the weight sits behind a DequantizeLinear, the runtime can no longer fold, and the per-channel
 * scales must be those of the weight actually multiplied.
 */
final class BatchNormFolding {

    private BatchNormFolding() {
    }

    static GraphProto fold(GraphProto g) {
        Map<String, TensorProto> init = Graphs.initializers(g);
        Map<String, List<NodeProto>> consumers = Graphs.consumers(g);
        Set<String> graphOutputs = new HashSet<>();
        g.outputs().forEach(o -> graphOutputs.add(o.name()));
        List<TensorProto> initializers = new ArrayList<>(g.initializers());
        List<NodeProto> nodes = new ArrayList<>();
        Set<NodeProto> folded = new HashSet<>();
        for (NodeProto n : g.nodes()) {
            if (folded.contains(n)) {
                continue;
            }
            List<NodeProto> readers = consumers.getOrDefault(n.outputs().get(0), List.of());
            if (!n.opType().equals("Conv") || readers.size() != 1 || !readers.get(0).opType().equals("BatchNormalization")
                    || graphOutputs.contains(n.outputs().get(0))) {
                nodes.add(n);
                continue;
            }
            NodeProto bn = readers.get(0);
            folded.add(bn);
            nodes.add(foldedConv(n, bn, init, initializers));
        }
        return Graphs.with(g, nodes, initializers);
    }

    /** The convolution computing what {@code conv} then {@code bn} computed; adds its new initializers. */
    private static NodeProto foldedConv(NodeProto conv, NodeProto bn, Map<String, TensorProto> init, List<TensorProto> out) {
        TensorProto w = init.get(conv.inputs().get(1));
        float[] weight = w.floatValues();
        int channels = (int) w.dims()[0];
        int per = weight.length / channels;
        float[] bias = conv.inputs().size() > 2 ? init.get(conv.inputs().get(2)).floatValues() : new float[channels];
        float[] gamma = init.get(bn.inputs().get(1)).floatValues();
        float[] beta = init.get(bn.inputs().get(2)).floatValues();
        float[] mean = init.get(bn.inputs().get(3)).floatValues();
        float[] var = init.get(bn.inputs().get(4)).floatValues();
        AttributeProto eps = Graphs.attribute(bn, "epsilon");
        double epsilon = eps == null ? 1e-5 : eps.floatValue();
        float[] w2 = new float[weight.length];
        float[] b2 = new float[channels];
        for (int c = 0; c < channels; c++) {
            double k = gamma[c] / Math.sqrt(var[c] + epsilon);
            for (int i = 0; i < per; i++) {
                w2[c * per + i] = (float) (weight[c * per + i] * k);
            }
            b2[c] = (float) (beta[c] + (bias[c] - mean[c]) * k);
        }
        String wName = conv.name() + "/folded_weight";
        String bName = conv.name() + "/folded_bias";
        out.add(TensorProto.floats(wName, w.dims(), w2));
        out.add(TensorProto.floats(bName, new long[] {channels}, b2));
        return new NodeProto("Conv", conv.name(), List.of(conv.inputs().get(0), wName, bName), bn.outputs(), conv.attributes());
    }
}
