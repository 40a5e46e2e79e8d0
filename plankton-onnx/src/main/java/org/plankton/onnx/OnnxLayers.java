package org.plankton.onnx;

import java.util.List;
import org.plankton.onnx.proto.AttributeProto;

/**
 * The layers of our networks as ONNX operators (opset 17), with the semantics of
 * {@code org.plankton.nn.torch.Layers}: "same" convolutions of stride 1; batch normalisation in
 * inference form (running statistics, epsilon 1e-5) kept as a {@code BatchNormalization} node
 * rather than folded into the convolution, so the graph's initializers are the bundle's tensors
 * unchanged (ONNX Runtime folds it itself, a basic-level optimisation); leaky ReLU; 3x3 stride-2
 * max-pooling without padding, floor mode; flatten in NCHW order; dense layers as {@code Gemm}
 * with the weight transposed ({@code transB}); maxout over unit-major pieces. Weights are taken
 * from the {@link WeightCursor} in the order the network creates them.
 */
final class OnnxLayers {

    static final float BN_EPSILON = 1e-5f;

    private final GraphBuilder g;
    private final WeightCursor weights;
    private final float slope;

    OnnxLayers(GraphBuilder g, WeightCursor weights, float leakySlope) {
        this.g = g;
        this.weights = weights;
        this.slope = leakySlope;
    }

    GraphBuilder graph() {
        return g;
    }

    /** A convolution of odd kernel size, stride 1, padding kernel/2; a bias only when {@code bias}. */
    String conv(String scope, String x, int in, int out, int kernel, boolean bias) {
        String w = g.floats(scope + "/weight", new long[] {out, in, kernel, kernel},
                weights.next("weight", out, in, kernel, kernel));
        List<String> inputs = bias ? List.of(x, w, g.floats(scope + "/bias", new long[] {out}, weights.next("bias", out)))
                : List.of(x, w);
        long pad = kernel / 2;
        return g.node("Conv", scope, inputs, AttributeProto.ints("kernel_shape", kernel, kernel),
                AttributeProto.ints("pads", pad, pad, pad, pad), AttributeProto.ints("strides", 1, 1));
    }

    /** Inference-form batch normalisation over axis 1 of {@code x} (N, C, ...) or (N, C). */
    String batchNorm(String scope, String x, int channels) {
        long[] c = {channels};
        String gamma = g.floats(scope + "/gamma", c, weights.next("gamma", channels));
        String beta = g.floats(scope + "/beta", c, weights.next("beta", channels));
        String mean = g.floats(scope + "/running_mean", c, weights.next("runningMean", channels));
        String var = g.floats(scope + "/running_var", c, weights.next("runningVar", channels));
        return g.node("BatchNormalization", scope, List.of(x, gamma, beta, mean, var),
                AttributeProto.of("epsilon", BN_EPSILON));
    }

    String leakyRelu(String scope, String x) {
        return g.node("LeakyRelu", scope, List.of(x), AttributeProto.of("alpha", slope));
    }

    /** The recipe's overlapping 3x3 stride-2 pooling, no padding, floor mode. */
    String maxPool(String scope, String x) {
        return g.node("MaxPool", scope, List.of(x), AttributeProto.ints("kernel_shape", 3, 3),
                AttributeProto.ints("strides", 2, 2));
    }

    /** (N, C, H, W) to (N, C*H*W), in NCHW order as the networks' reshape. */
    String flatten(String scope, String x) {
        return g.node("Flatten", scope, List.of(x), AttributeProto.of("axis", 1L));
    }

    /** {@code x W^T + b} with W of shape (out, in), as torch's linear. */
    String linear(String scope, String x, int in, int out) {
        String w = g.floats(scope + "/weight", new long[] {out, in}, weights.next("weight", out, in));
        String b = g.floats(scope + "/bias", new long[] {out}, weights.next("bias", out));
        return g.node("Gemm", scope, List.of(x, w, b), AttributeProto.of("transB", 1L));
    }

    /** Maxout: (N, units*pieces) to (N, units), the max over each unit's consecutive pieces. */
    String maxout(String scope, String x, int units, int pieces) {
        String shape = g.int64s("shape_units_pieces_" + units + "x" + pieces, 0, units, pieces);
        String r = g.node("Reshape", scope + "/pieces", List.of(x, shape));
        // opset 17: ReduceMax takes its axes as an attribute (an input from opset 18 on)
        return g.node("ReduceMax", scope, List.of(r), AttributeProto.ints("axes", 2), AttributeProto.of("keepdims", 0L));
    }

    String add(String scope, String a, String b) {
        return g.node("Add", scope, List.of(a, b));
    }
}
