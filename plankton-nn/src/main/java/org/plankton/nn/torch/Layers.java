package org.plankton.nn.torch;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * The operations of our networks as libtorch functional calls, with DJL's semantics (DJL's PyTorch
 * engine calls the same ATen functions): batch norm with PyTorch momentum 0.1 (DJL's 0.9 is defined
 * the other way round) and epsilon 1e-5; max-pool without padding, floor mode. Functional calls,
 * not {@code torch::nn} modules: {@code MaxPool2dImpl} built from options got a wrong padding in
 * the JavaCPP presets, and functional calls let the parameters sit in one table in DJL's order.
 */
final class Layers {

    static final double BN_MOMENTUM = 0.1;
    static final double BN_EPSILON = 1e-5;
    private static final long[] ONE = {1, 1};
    private static final long[] NO_PADDING = {0, 0};

    private Layers() {
    }

    /** A "same" convolution of odd kernel size, stride 1; {@code bias} may be null. */
    static Layer conv(Tensor weight, Tensor bias) {
        long pad = weight.size(2) / 2;
        long[] padding = {pad, pad};
        return Layer.named("Conv2d", (x, training) -> torch.conv2d(x, weight, optional(bias), ONE, padding, ONE, 1));
    }

    static Layer batchNorm(Tensor gamma, Tensor beta, Tensor runningMean, Tensor runningVar) {
        return Layer.named("BatchNorm", (x, training) -> torch.batch_norm(x, optional(gamma), optional(beta),
                optional(runningMean), optional(runningVar), training, BN_MOMENTUM, BN_EPSILON, true));
    }

    static Layer leakyRelu(float slope) {
        double s = slope;
        return Layer.named("LeakyReLU", (x, training) -> torch.leaky_relu(x, new Scalar(s)));
    }

    /** The recipe's overlapping 3x3 stride-2 pooling. */
    static Layer maxPool() {
        long[] kernel = {3, 3};
        long[] stride = {2, 2};
        return Layer.named("MaxPool2d", (x, training) -> torch.max_pool2d(x, kernel, stride, NO_PADDING, ONE, false));
    }

    /** (N, ...) to (N, rest) in logical (NCHW) order, whatever the memory format. */
    static Layer flatten() {
        return Layer.named("Flatten", (x, training) -> x.reshape(x.size(0), -1));
    }

    static Layer dropout(float rate) {
        return Layer.named("Dropout", (x, training) -> training ? torch.dropout(x, rate, true) : x);
    }

    static Layer linear(Tensor weight, Tensor bias) {
        return Layer.named("Linear", (x, training) -> torch.linear(x, weight, optional(bias)));
    }

    /** Maxout: the max over {@code pieces} consecutive linear outputs per unit (DJL: unit-major). */
    static Layer maxout(int units, int pieces) {
        long[] last = {2};
        return Layer.named("Maxout", (x, training) -> x.reshape(x.size(0), units, pieces).amax(last, false));
    }

    /** {@code act(main(x) + shortcut(x))}, a residual block. */
    static Layer residual(Layer main, Layer shortcut, Layer activation) {
        return Layer.named("ResidualBlock", (x, training) ->
                activation.forward(main.forward(x, training).add(shortcut.forward(x, training)), training));
    }

    private static TensorOptional optional(Tensor t) {
        return t == null ? new TensorOptional() : new TensorOptional(t);
    }
}
