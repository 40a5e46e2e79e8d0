package org.plankton.onnx.int8;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plankton.onnx.proto.GraphProto;
import org.plankton.onnx.proto.NodeProto;

/**
 * Which values of a (batch-norm folded) graph are quantised. A {@code Conv} with a constant weight
 * is quantised with its input and output, except by default one that reads the image itself (on
 * ndsb-v4 the first layer alone moved validation log loss by up to +0.02 in int8, for about 1 % of
 * the network's multiply-adds, one input channel); so is a {@code Gemm} whose input is already quantised
 * (the dense layer after the flattened feature maps; not the size-feature branch, whose input is
 * raw measurements, and not the final {@code .../classes} layer unless asked); the output of a
 * {@code LeakyRelu} of a quantised value is quantised (QLinearLeakyRelu, a table look-up), and a
 * {@code MaxPool} or {@code Flatten} of a quantised value keeps its input's scale and zero point,
 * which is what lets ONNX Runtime run them on uint8 without requantising. Everything else stays
 * fp32, reading dequantised values, so any graph we export remains correct, only less of it fast.
 */
final class QuantPlan {

    /** Values with scales of their own, in graph order (graph inputs first where quantised). */
    final List<String> calibrated = new ArrayList<>();
    /** Values that reuse another value's scale and zero point: MaxPool and Flatten outputs. */
    final Map<String, String> sharesWith = new HashMap<>();
    /** Conv and Gemm nodes whose weight becomes int8 (and bias int32). */
    final Set<NodeProto> compute = new HashSet<>();
    /** The rank of each quantised value (for declaring calibration outputs). */
    final Map<String, Integer> ranks = new HashMap<>();

    private final Set<String> quantised = new LinkedHashSet<>();

    /**
     * {@code quantiseFirst}: also the convolutions that read a graph input (the image), which were
     * measured to cost the most accuracy for the least time; {@code keepFp32}: Conv and Gemm nodes
     * whose name starts with one of these stay fp32.
     */
    static QuantPlan of(GraphProto g, boolean quantiseFirst, boolean quantiseClasses, List<String> keepFp32) {
        QuantPlan p = new QuantPlan();
        Set<String> constants = new HashSet<>();
        g.initializers().forEach(t -> constants.add(t.name()));
        Map<String, Integer> rank = new HashMap<>();
        g.inputs().forEach(v -> rank.put(v.name(), v.shape().size()));
        Set<String> graphInputs = new HashSet<>(rank.keySet());
        for (NodeProto n : g.nodes()) {
            String in = n.inputs().isEmpty() ? "" : n.inputs().get(0);
            String out = n.outputs().get(0);
            boolean flat = n.opType().equals("Flatten") || n.opType().equals("Gemm");
            rank.put(out, flat ? 2 : rank.getOrDefault(in, 2));
            boolean kept = keepFp32.stream().anyMatch(k -> n.name().startsWith(k))
                    || !quantiseFirst && n.opType().equals("Conv") && graphInputs.contains(in);
            switch (kept ? "" : n.opType()) {
                case "Conv" -> {
                    if (constants.contains(n.inputs().get(1))) {
                        p.add(in, rank.get(in));
                        p.add(out, rank.get(out));
                        p.compute.add(n);
                    }
                }
                case "Gemm" -> {
                    boolean classes = n.name().endsWith("/classes");
                    if (p.quantised.contains(in) && constants.contains(n.inputs().get(1)) && (quantiseClasses || !classes)) {
                        p.add(out, 2);
                        p.compute.add(n);
                    }
                }
                case "LeakyRelu" -> {
                    if (p.quantised.contains(in)) {
                        p.add(out, rank.get(out));
                    }
                }
                case "MaxPool", "Flatten" -> {
                    if (p.quantised.contains(in)) {
                        p.quantised.add(out);
                        p.ranks.put(out, rank.get(out));
                        p.sharesWith.put(out, p.owner(in));
                    }
                }
                default -> {
                }
            }
        }
        return p;
    }

    private void add(String value, int rank) {
        if (quantised.add(value)) {
            calibrated.add(value);
            ranks.put(value, rank);
        }
    }

    boolean isQuantised(String value) {
        return quantised.contains(value);
    }

    /** The value whose scale and zero point {@code value} uses (itself unless it shares). */
    String owner(String value) {
        return sharesWith.getOrDefault(value, value);
    }
}
