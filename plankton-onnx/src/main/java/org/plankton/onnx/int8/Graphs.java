package org.plankton.onnx.int8;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plankton.onnx.proto.AttributeProto;
import org.plankton.onnx.proto.GraphProto;
import org.plankton.onnx.proto.NodeProto;
import org.plankton.onnx.proto.TensorProto;

/** Small look-ups on a {@link GraphProto} that the rewriting steps share. */
final class Graphs {

    private Graphs() {
    }

    static Map<String, TensorProto> initializers(GraphProto g) {
        Map<String, TensorProto> m = new HashMap<>();
        g.initializers().forEach(t -> m.put(t.name(), t));
        return m;
    }

    /** For each value name, the nodes that read it (graph outputs are not counted). */
    static Map<String, List<NodeProto>> consumers(GraphProto g) {
        Map<String, List<NodeProto>> m = new HashMap<>();
        for (NodeProto n : g.nodes()) {
            for (String in : n.inputs()) {
                m.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
        return m;
    }

    /** For each value name, the node that computes it. */
    static Map<String, NodeProto> producers(GraphProto g) {
        Map<String, NodeProto> m = new HashMap<>();
        for (NodeProto n : g.nodes()) {
            n.outputs().forEach(o -> m.put(o, n));
        }
        return m;
    }

    static AttributeProto attribute(NodeProto n, String name) {
        return n.attributes().stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
    }

    /** {@code g} with {@code nodes} and those of {@code initializers} that some node still reads. */
    static GraphProto with(GraphProto g, List<NodeProto> nodes, List<TensorProto> initializers) {
        Set<String> used = new HashSet<>();
        nodes.forEach(n -> used.addAll(n.inputs()));
        List<TensorProto> kept = initializers.stream().filter(t -> used.contains(t.name())).toList();
        return new GraphProto(g.name(), nodes, kept, g.inputs(), g.outputs(), g.docString());
    }
}
