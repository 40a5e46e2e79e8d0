package org.plankton.onnx.int8;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plankton.onnx.proto.GraphProto;
import org.plankton.onnx.proto.NodeProto;
import org.plankton.onnx.proto.TensorProto;

/**
 * Cross-layer equalisation (Nagel et al., "Data-Free Quantization", 2019) of each chain
 * {@code Conv -> LeakyRelu [-> MaxPool] -> Conv}: output channel c of the first convolution is
 * divided by {@code s_c = sqrt(r1_c / r2_c)} and input channel c of the second multiplied by it,
 * where r1_c and r2_c are the two weights' largest magnitudes for that channel. Leaky ReLU and max
 * pooling commute with a positive per-channel scale, so the fp32 graph computes the same; but the
 * channels' weight ranges, and with them their activation ranges, become alike, which is what a
 * single activation scale per tensor needs (measured on ndsb-v4: docs/results.md).
 */
final class CrossLayerEqualisation {

    private CrossLayerEqualisation() {
    }

    static GraphProto equalise(GraphProto g) {
        Map<String, TensorProto> init = new LinkedHashMap<>();
        g.initializers().forEach(t -> init.put(t.name(), t));
        Map<String, List<NodeProto>> consumers = Graphs.consumers(g);
        for (NodeProto a : g.nodes()) {
            NodeProto b = next(a, consumers, init);
            if (b != null) {
                scale(a, b, init);
            }
        }
        return new GraphProto(g.name(), g.nodes(), new ArrayList<>(init.values()), g.inputs(), g.outputs(), g.docString());
    }

    /** The convolution that reads {@code a}'s output through one LeakyRelu and at most one MaxPool, or null. */
    private static NodeProto next(NodeProto a, Map<String, List<NodeProto>> consumers, Map<String, TensorProto> init) {
        if (!a.opType().equals("Conv") || a.inputs().size() < 3 || !init.containsKey(a.inputs().get(1))) {
            return null;
        }
        NodeProto n = only(consumers, a.outputs().get(0));
        if (n == null || !n.opType().equals("LeakyRelu")) {
            return null;
        }
        n = only(consumers, n.outputs().get(0));
        if (n != null && n.opType().equals("MaxPool")) {
            n = only(consumers, n.outputs().get(0));
        }
        boolean conv = n != null && n.opType().equals("Conv") && init.containsKey(n.inputs().get(1))
                && Graphs.attribute(n, "group") == null;
        return conv ? n : null;
    }

    private static NodeProto only(Map<String, List<NodeProto>> consumers, String value) {
        List<NodeProto> r = consumers.getOrDefault(value, List.of());
        return r.size() == 1 ? r.get(0) : null;
    }

    private static void scale(NodeProto a, NodeProto b, Map<String, TensorProto> init) {
        TensorProto w1t = init.get(a.inputs().get(1));
        TensorProto w2t = init.get(b.inputs().get(1));
        float[] w1 = w1t.floatValues();
        float[] b1 = init.get(a.inputs().get(2)).floatValues();
        float[] w2 = w2t.floatValues();
        int channels = (int) w1t.dims()[0];
        int per1 = w1.length / channels;
        int out2 = (int) w2t.dims()[0];
        int per2 = w2.length / (out2 * channels);
        if (w2t.dims()[1] != channels) {
            return;
        }
        for (int c = 0; c < channels; c++) {
            double r1 = 0;
            for (int i = 0; i < per1; i++) {
                r1 = Math.max(r1, Math.abs(w1[c * per1 + i]));
            }
            double r2 = 0;
            for (int o = 0; o < out2; o++) {
                for (int i = 0; i < per2; i++) {
                    r2 = Math.max(r2, Math.abs(w2[(o * channels + c) * per2 + i]));
                }
            }
            if (!(r1 > 0 && r2 > 0)) {
                continue;
            }
            float s = (float) Math.sqrt(r1 / r2);
            for (int i = 0; i < per1; i++) {
                w1[c * per1 + i] /= s;
            }
            b1[c] /= s;
            for (int o = 0; o < out2; o++) {
                for (int i = 0; i < per2; i++) {
                    w2[(o * channels + c) * per2 + i] *= s;
                }
            }
        }
        put(init, w1t, w1);
        put(init, init.get(a.inputs().get(2)), b1);
        put(init, w2t, w2);
    }

    private static void put(Map<String, TensorProto> init, TensorProto old, float[] values) {
        init.put(old.name(), TensorProto.floats(old.name(), old.dims(), values));
    }
}
