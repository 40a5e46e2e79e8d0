package org.plankton.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.plankton.onnx.proto.AttributeProto;
import org.plankton.onnx.proto.DataType;
import org.plankton.onnx.proto.GraphProto;
import org.plankton.onnx.proto.NodeProto;
import org.plankton.onnx.proto.TensorProto;
import org.plankton.onnx.proto.ValueInfoProto;

/**
 * Collects the nodes and initializers of one graph, in the order they are added (which is a
 * topological order, since a node can only name values that exist). Every value gets a unique
 * name derived from the name asked for, so layers can ask for readable names without counting.
 */
final class GraphBuilder {

    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Map<String, String> int64Constants = new HashMap<>();
    private boolean halfWeights;

    /**
     * From now on, store weight tensors as float16 initializers, each cast to float32 by a node
     * (ONNX Runtime folds those casts when it loads the graph, so it computes in float32 as before).
     * Only for weights that are halves already, as a float16 bundle's are: then nothing is lost.
     */
    void halfWeights(boolean on) {
        this.halfWeights = on;
    }

    /** Reserves {@code name} exactly (a graph input or output); IllegalStateException if taken. */
    String reserve(String name) {
        if (!names.add(name)) {
            throw new IllegalStateException("value name " + name + " is used twice");
        }
        return name;
    }

    /** {@code base}, or {@code base_2}, {@code base_3}, ... whichever is free first. */
    String unique(String base) {
        if (names.add(base)) {
            return base;
        }
        for (int i = 2; ; i++) {
            String n = base + "_" + i;
            if (names.add(n)) {
                return n;
            }
        }
    }

    /** A float32 initializer (a weight; see {@link #halfWeights}); returns its value name. */
    String floats(String name, long[] dims, float[] values) {
        if (halfWeights && dims.length > 0) {
            String stored = unique(name + "/float16");
            initializers.add(TensorProto.halves(stored, dims, values));
            return node("Cast", name, List.of(stored), AttributeProto.of("to", (long) DataType.FLOAT.code));
        }
        String n = unique(name);
        initializers.add(TensorProto.floats(n, dims, values));
        return n;
    }

    /** A float32 scalar initializer. */
    String scalar(String name, float value) {
        return floats(name, new long[0], new float[] {value});
    }

    /** A 1-D int64 initializer (shapes, axes, slice bounds); equal ones are shared. */
    String int64s(String name, long... values) {
        String key = Arrays.toString(values);
        String existing = int64Constants.get(key);
        if (existing != null) {
            return existing;
        }
        String n = unique(name);
        initializers.add(TensorProto.int64s(n, new long[] {values.length}, values));
        int64Constants.put(key, n);
        return n;
    }

    /** Adds a node with one output, named after {@code output} (made unique); returns the output's name. */
    String node(String op, String output, List<String> inputs, AttributeProto... attributes) {
        return nodeNamed(op, unique(output), inputs, attributes);
    }

    /** As {@link #node}, with an output name reserved already (see {@link #reserve}). */
    String nodeNamed(String op, String reservedOutput, List<String> inputs, AttributeProto... attributes) {
        nodes.add(new NodeProto(op, reservedOutput, inputs, List.of(reservedOutput), List.of(attributes)));
        return reservedOutput;
    }

    /** Adds a node with several outputs named {@code output_0, output_1, ...}; returns their names. */
    List<String> nodeWithOutputs(String op, String output, int count, List<String> inputs, AttributeProto... attributes) {
        List<String> outs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            outs.add(unique(output + "_" + i));
        }
        nodes.add(new NodeProto(op, outs.get(0), inputs, outs, List.of(attributes)));
        return outs;
    }

    GraphProto build(String name, List<ValueInfoProto> inputs, List<ValueInfoProto> outputs, String doc) {
        return new GraphProto(name, nodes, initializers, inputs, outputs, doc);
    }

    int nodeCount() {
        return nodes.size();
    }
}
