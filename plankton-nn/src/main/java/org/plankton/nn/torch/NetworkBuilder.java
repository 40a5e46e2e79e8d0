package org.plankton.nn.torch;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.MemoryFormat;
import org.plankton.core.features.SizeFeatures;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.InputLayout;
import org.plankton.nn.arch.OrthogonalInitializer;
import org.plankton.nn.torch.ParameterTable.Kind;

/**
 * Builds the layers and parameters of a network, step by step in the order the DJL-era
 * {@code NetworkFactory} built its blocks, so that the parameter table has DJL's names, order and
 * shapes (every bundle's weights are in that order) and the forward pass computes the same function.
 * Initialisation as NetworkFactory set it: weights
 * uniform in +-sqrt(1/fan-in) ("xavier", DJL's XavierInitializer(UNIFORM, IN, 1)) or orthogonal
 * with the leaky-ReLU gain; biases and betas 0, gammas 1, running means 0 and variances 1.
 */
final class NetworkBuilder {

    /** The parts of a built network; the branches other than the convnet may be null. */
    record Parts(Layer convnet, Layer fixedNet, Layer sizeNet) {
    }

    private final ArchitectureConfig arch;
    private final ParameterTable table;
    private final boolean channelsLast;
    private final Layer activation;
    /** False when weights are loaded right after: zeros then, since drawing them is wasted work. */
    private final boolean draw;

    NetworkBuilder(ArchitectureConfig arch, ParameterTable table, boolean channelsLast, boolean draw) {
        this.arch = arch;
        this.table = table;
        this.channelsLast = channelsLast;
        this.draw = draw;
        this.activation = Layers.leakyRelu(arch.leakySlope());
    }

    Parts build(int numClasses, int imageSize) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + numClasses);
        }
        if (arch.outputSide(imageSize) < 1) {
            throw new IllegalArgumentException("image size " + imageSize + " is too small for "
                    + arch.stages().size() + " pooling stages");
        }
        if (arch.rotations() == 4 && !arch.poolsSymmetrically(imageSize)) {
            throw new IllegalArgumentException("with rotations, every pooling stage must cover its input exactly "
                    + "(side - 3 even at each stage); image size " + imageSize + " does not (use e.g. 31, 47, 63 or 95)");
        }
        DjlScope root = DjlScope.root();
        if (!arch.sizeFeatures() && arch.fixedScale() == 0) {
            return new Parts(convnet(root, numClasses, imageSize), null, null);
        }
        // The DJL-era LateFusion block's children, in the order it added them.
        Layer convnet = convnet(root.child("convnet"), numClasses, imageSize);
        Layer fixed = arch.fixedScale() > 0
                ? fixedScaleNet(root.child("fixedScaleNet"), numClasses, InputLayout.of(arch, imageSize).fixedSide()) : null;
        Layer size = arch.sizeFeatures() ? sizeNet(root.child("sizeNet"), numClasses) : null;
        return new Parts(convnet, fixed, size);
    }

    private Layer convnet(DjlScope s, int numClasses, int imageSize) {
        List<Layer> layers = new ArrayList<>();
        boolean cyclic = arch.rotations() == 4;
        if (cyclic) {
            layers.add(CyclicLayers.slice());
            s.skip();
        }
        boolean residual = arch.type().equals("resnet");
        int channels = 1;
        for (int st = 0; st < arch.stages().size(); st++) {
            List<Integer> stage = arch.stages().get(st);
            int i = 0;
            while (i < stage.size()) {
                if (residual && i + 1 < stage.size()) {
                    layers.add(residualBlock(s.child("SequentialBlock"), channels, stage.get(i), stage.get(i + 1)));
                    channels = stage.get(i + 1);
                    i += 2;
                    continue;
                }
                convBn(layers, s, channels, stage.get(i), 3, arch.batchNorm());
                layers.add(activation);
                s.skip();
                channels = stage.get(i);
                i++;
            }
            layers.add(Layers.maxPool());
            s.skip();
            if (arch.roll() && st < arch.stages().size() - 1) {
                layers.add(CyclicLayers.roll());
                s.skip();
                channels *= 4;
            }
        }
        layers.add(Layers.flatten());
        s.skip();
        if (cyclic) {
            layers.add(CyclicLayers.rmsPool());
            s.skip();
        }
        dropout(layers, s);
        int side = arch.outputSide(imageSize);
        int pieces = arch.maxout();
        layers.add(linear(s.child("Linear"), channels * side * side, arch.denseUnits() * pieces));
        layers.add(pieces > 1 ? Layers.maxout(arch.denseUnits(), pieces) : activation);
        s.skip();
        dropout(layers, s);
        layers.add(linear(s.child("Linear"), arch.denseUnits(), numClasses));
        return Layer.sequence(layers);
    }

    /** conv-BN-act-conv-BN plus the input (through a 1x1 conv-BN where the channel count changes), then act. */
    private Layer residualBlock(DjlScope s, int in, int mid, int out) {
        boolean bn = arch.batchNorm();
        DjlScope parallel = s.child("ParallelBlock");
        DjlScope mainScope = parallel.child("SequentialBlock");
        List<Layer> main = new ArrayList<>();
        convBn(main, mainScope, in, mid, 3, bn);
        main.add(activation);
        mainScope.skip();
        convBn(main, mainScope, mid, out, 3, bn);
        Layer shortcut;
        if (in == out) {
            parallel.skip(); // identity LambdaBlock
            shortcut = (x, training) -> x;
        } else {
            List<Layer> projection = new ArrayList<>();
            convBn(projection, parallel.child("SequentialBlock"), in, out, 1, bn);
            shortcut = Layer.sequence(projection);
        }
        s.skip(); // the activation after the sum
        return Layers.residual(Layer.sequence(main), shortcut, activation);
    }

    private Layer fixedScaleNet(DjlScope s, int numClasses, int side) {
        List<Layer> layers = new ArrayList<>();
        int channels = 1;
        int sd = side;
        for (int filters : new int[] {16, 32, 64}) {
            if ((sd - 3) / 2 + 1 < 1) {
                break;
            }
            convBn(layers, s, channels, filters, 3, true);
            layers.add(activation);
            s.skip();
            layers.add(Layers.maxPool());
            s.skip();
            channels = filters;
            sd = (sd - 3) / 2 + 1;
        }
        layers.add(Layers.flatten());
        s.skip();
        layers.add(linear(s.child("Linear"), channels * sd * sd, 64));
        layers.add(activation);
        s.skip();
        layers.add(linear(s.child("Linear"), 64, numClasses));
        return Layer.sequence(layers);
    }

    /** The recipe's late-fusion network: BN on the raw size features, 80, 80, classes. */
    private Layer sizeNet(DjlScope s, int numClasses) {
        List<Layer> layers = new ArrayList<>();
        layers.add(batchNorm(s.child("BatchNorm"), SizeFeatures.COUNT));
        layers.add(linear(s.child("Linear"), SizeFeatures.COUNT, 80));
        layers.add(activation);
        s.skip();
        layers.add(linear(s.child("Linear"), 80, 80));
        layers.add(activation);
        s.skip();
        layers.add(linear(s.child("Linear"), 80, numClasses));
        return Layer.sequence(layers);
    }

    /** A convolution (bias only without batch norm, as NetworkFactory's conv() was), then its batch norm. */
    private void convBn(List<Layer> layers, DjlScope s, int in, int out, int kernel, boolean bn) {
        DjlScope c = s.child("Conv2d");
        Tensor w = table.add(c.prefix(), Kind.WEIGHT, weight(new long[] {out, in, kernel, kernel}));
        Tensor b = bn ? null : table.add(c.prefix(), Kind.BIAS, torch.zeros(out));
        layers.add(Layers.conv(w, b));
        if (bn) {
            layers.add(batchNorm(s.child("BatchNorm"), out));
        }
    }

    private Layer batchNorm(DjlScope s, int channels) {
        String p = s.prefix();
        return Layers.batchNorm(table.add(p, Kind.GAMMA, torch.ones(channels)), table.add(p, Kind.BETA, torch.zeros(channels)),
                table.add(p, Kind.RUNNING_MEAN, torch.zeros(channels)), table.add(p, Kind.RUNNING_VAR, torch.ones(channels)));
    }

    private Layer linear(DjlScope s, int in, int out) {
        Tensor w = table.add(s.prefix(), Kind.WEIGHT, weight(new long[] {out, in}));
        Tensor b = table.add(s.prefix(), Kind.BIAS, torch.zeros(out));
        return Layers.linear(w, b);
    }

    private void dropout(List<Layer> layers, DjlScope s) {
        if (arch.dropout() > 0) {
            layers.add(Layers.dropout(arch.dropout()));
            s.skip();
        }
    }

    private Tensor weight(long[] shape) {
        int rows = (int) shape[0];
        int fanIn = (int) (shapeSize(shape) / rows);
        Tensor w;
        if (!draw) {
            // An orthogonal draw is a Gram-Schmidt pass per layer in Java: seconds for a large model.
            w = torch.zeros(shape);
        } else if (arch.init().equals("orthogonal")) {
            float[] gaussian = Tensors.toFloats(torch.randn(Math.min(rows, fanIn), Math.max(rows, fanIn)));
            float gain = OrthogonalInitializer.leakyReluGain(arch.leakySlope());
            w = Tensors.floats(OrthogonalInitializer.orthogonal(rows, fanIn, gain, gaussian), 0, shape);
        } else {
            double bound = Math.sqrt(1.0 / fanIn);
            w = torch.empty(shape).uniform_(-bound, bound, null);
        }
        // Channels-last convolution weights let oneDNN run NHWC kernels without reordering each step.
        return channelsLast && shape.length == 4 ? w.contiguous(MemoryFormat.ChannelsLast) : w;
    }

    private static long shapeSize(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
