package org.plankton.onnx;

import java.util.ArrayList;
import java.util.List;
import org.plankton.core.features.SizeFeatures;
import org.plankton.core.weights.Half;
import org.plankton.nn.arch.InputLayout;
import org.plankton.onnx.proto.AttributeProto;
import org.plankton.onnx.proto.DataType;
import org.plankton.onnx.proto.GraphProto;
import org.plankton.onnx.proto.ValueInfoProto;

/**
 * The whole exported graph: each member network, its calibrated probabilities
 * {@code softmax(logits / T)}, and for an ensemble their weighted mean. Inputs are shared by the
 * members when they all prepare images alike (same preprocessing and fixed scale); otherwise each
 * member gets its own, prefixed {@code member<i>_}.
 */
final class ModelGraph {

    private static final String BATCH = "N";

    private final int numClasses;
    private final List<OnnxMember> members;
    private final double[] blend;
    private final GraphBuilder g = new GraphBuilder();
    private final List<ValueInfoProto> inputs = new ArrayList<>();
    private final boolean halfWhereExact;

    ModelGraph(int numClasses, List<OnnxMember> members, double[] blend) {
        this(numClasses, members, blend, false);
    }

    /**
     * @param halfWhereExact store a member's weights as float16 when every one of them is a half
     *                       already (a bundle stored as float16): the file is half the size and
     *                       computes exactly what the float32 form would
     */
    ModelGraph(int numClasses, List<OnnxMember> members, double[] blend, boolean halfWhereExact) {
        if (members.isEmpty() || members.size() != blend.length) {
            throw new IllegalArgumentException("need one blend weight per member: " + members.size() + " members, "
                    + blend.length + " weights");
        }
        this.numClasses = numClasses;
        this.members = List.copyOf(members);
        this.blend = blend.clone();
        this.halfWhereExact = halfWhereExact;
    }

    /** Whether every member prepares its input the same way, so one set of inputs serves all. */
    static boolean sharedInputs(List<OnnxMember> members) {
        OnnxMember first = members.get(0);
        return members.stream().allMatch(m -> m.preprocess().equals(first.preprocess())
                && m.architecture().fixedScale() == first.architecture().fixedScale());
    }

    /** The input names of member {@code i} (some may not be used by it). */
    static NetworkGraph.Inputs inputNames(List<OnnxMember> members, int i) {
        String p = members.size() == 1 || sharedInputs(members) ? "" : "member" + i + "_";
        return new NetworkGraph.Inputs(p + OnnxExport.IMAGE, p + OnnxExport.FIXED_SCALE_IMAGE, p + OnnxExport.SIZE_FEATURES);
    }

    GraphProto build(String name, String doc) {
        List<String> logits = new ArrayList<>();
        NetworkGraph single = null;
        for (int i = 0; i < members.size(); i++) {
            OnnxMember m = members.get(i);
            NetworkGraph.Inputs in = declareInputs(m, inputNames(members, i));
            WeightCursor weights = new WeightCursor(m.weights());
            g.halfWeights(halfWhereExact && Half.exact(m.weights()));
            String scope = members.size() == 1 ? "" : "member" + i + "/";
            single = new NetworkGraph(m.architecture(), numClasses, m.imageSize(), g, weights);
            logits.add(single.logits(scope, in));
            weights.finish();
        }
        g.halfWeights(false);
        String logitsOut = g.reserve(OnnxExport.LOGITS);
        String probsOut = g.reserve(OnnxExport.PROBABILITIES);
        if (members.size() == 1) {
            g.nodeNamed("Identity", logitsOut, List.of(logits.get(0)));
            calibrated("", logitsOut, members.get(0).temperature(), probsOut);
        } else {
            List<String> weighted = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                String p = calibrated("member" + i + "/", logits.get(i), members.get(i).temperature(), null);
                weighted.add(g.node("Mul", "member" + i + "/weighted", List.of(p, g.scalar("member" + i + "/blend_weight",
                        (float) blend[i]))));
            }
            g.nodeNamed("Sum", probsOut, weighted);
            // An ensemble has no logits of its own; log p is the pre-softmax value that gives p back.
            g.nodeNamed("Log", logitsOut, List.of(probsOut));
        }
        List<ValueInfoProto> outputs = new ArrayList<>(List.of(
                new ValueInfoProto(OnnxExport.LOGITS, DataType.FLOAT, List.of(BATCH, (long) numClasses),
                        ModelMetadata.logitsDoc(members.size())),
                new ValueInfoProto(OnnxExport.PROBABILITIES, DataType.FLOAT, List.of(BATCH, (long) numClasses),
                        ModelMetadata.probabilitiesDoc(members))));
        if (members.size() == 1) {
            // The out-of-domain score's input, so the onnx engine can score as the torch engine does.
            String featuresOut = g.reserve(OnnxExport.FEATURES);
            List<String> parts = single.penultimate();
            if (parts.size() == 1) {
                g.nodeNamed("Identity", featuresOut, parts);
            } else {
                g.nodeNamed("Concat", featuresOut, parts, AttributeProto.of("axis", 1L));
            }
            outputs.add(new ValueInfoProto(OnnxExport.FEATURES, DataType.FLOAT,
                    List.of(BATCH, (long) single.penultimateWidth()), "float32 [N, width]: the penultimate-layer "
                    + "features (convnet, then fixed-scale and size-feature branches), input of domain.json's score."));
        }
        return g.build(name, inputs, outputs, doc);
    }

    /** softmax(logits / T) over the classes; into {@code out} when given, else a fresh name. */
    private String calibrated(String scope, String logits, double temperature, String out) {
        String t = g.scalar(scope + "temperature", (float) temperature);
        String scaled = g.node("Div", scope + "logits_over_temperature", List.of(logits, t));
        AttributeProto axis = AttributeProto.of("axis", 1L);
        return out != null ? g.nodeNamed("Softmax", out, List.of(scaled), axis)
                : g.node("Softmax", scope + "probabilities", List.of(scaled), axis);
    }

    /** Declares the inputs member {@code m} reads (once, when shared); returns their names. */
    private NetworkGraph.Inputs declareInputs(OnnxMember m, NetworkGraph.Inputs names) {
        int side = m.imageSize();
        declare(names.image(), List.of(BATCH, 1L, (long) side, (long) side), ModelMetadata.imageDoc(m));
        if (m.architecture().fixedScale() > 0) {
            long fs = InputLayout.of(m.architecture(), side).fixedSide();
            declare(names.fixedScaleImage(), List.of(BATCH, 1L, fs, fs), ModelMetadata.fixedScaleDoc(m));
        }
        if (m.architecture().sizeFeatures()) {
            declare(names.sizeFeatures(), List.of(BATCH, (long) SizeFeatures.COUNT), ModelMetadata.sizeFeaturesDoc(m));
        }
        return names;
    }

    private void declare(String name, List<Object> shape, String doc) {
        if (inputs.stream().noneMatch(v -> v.name().equals(name))) {
            g.reserve(name);
            inputs.add(new ValueInfoProto(name, DataType.FLOAT, shape, doc));
        }
    }
}
