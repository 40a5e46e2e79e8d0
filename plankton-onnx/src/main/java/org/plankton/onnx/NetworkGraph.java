package org.plankton.onnx;

import java.util.List;
import org.plankton.core.features.SizeFeatures;
import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.arch.InputLayout;

/**
 * The network of an {@link ArchitectureConfig} as ONNX nodes: the same steps in the same order as
 * {@code org.plankton.nn.torch.NetworkBuilder} builds them (so the weights are consumed in the
 * order the network lists them), without dropout (inference). Late fusion: the convnet's logits
 * plus the fixed-scale branch's plus the size-feature branch's.
 */
final class NetworkGraph {

    /** Value names of one network's inputs; null where the network has no such input. */
    record Inputs(String image, String fixedScaleImage, String sizeFeatures) {
    }

    private final ArchitectureConfig arch;
    private final int numClasses;
    private final int imageSize;
    private final OnnxLayers layers;
    private final CyclicGraph cyclic;
    private final GraphBuilder g;
    /** Each branch's penultimate value (its output layer's input), in branch order, and their widths. */
    private final List<String> penultimate = new java.util.ArrayList<>();
    private int penultimateWidth;

    NetworkGraph(ArchitectureConfig arch, int numClasses, int imageSize, GraphBuilder g, WeightCursor weights) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + numClasses);
        }
        if (arch.outputSide(imageSize) < 1) {
            throw new IllegalArgumentException("image size " + imageSize + " is too small for " + arch.stages().size()
                    + " pooling stages");
        }
        if (arch.rotations() == 4 && !arch.poolsSymmetrically(imageSize)) {
            throw new IllegalArgumentException("with rotations, every pooling stage must cover its input exactly; image size "
                    + imageSize + " does not");
        }
        this.arch = arch;
        this.numClasses = numClasses;
        this.imageSize = imageSize;
        this.g = g;
        this.layers = new OnnxLayers(g, weights, arch.leakySlope());
        this.cyclic = new CyclicGraph(g);
    }

    /** Adds the network under {@code scope}; returns the value name of its logits (N, classes). */
    String logits(String scope, Inputs in) {
        String logits = convnet(scope + "convnet", in.image());
        if (arch.fixedScale() > 0) {
            String fixed = fixedScaleNet(scope + "fixed_scale_net", in.fixedScaleImage(),
                    InputLayout.of(arch, imageSize).fixedSide());
            logits = layers.add(scope + "plus_fixed_scale", logits, fixed);
        }
        if (arch.sizeFeatures()) {
            logits = layers.add(scope + "plus_size_features", logits, sizeNet(scope + "size_net", in.sizeFeatures()));
        }
        return logits;
    }

    private String convnet(String s, String image) {
        boolean cyclicSlice = arch.rotations() == 4;
        String x = cyclicSlice ? cyclic.slice(s + "/cyclic_slice", image) : image;
        boolean residual = arch.type().equals("resnet");
        int channels = 1;
        for (int st = 0; st < arch.stages().size(); st++) {
            List<Integer> stage = arch.stages().get(st);
            String ss = s + "/stage" + (st + 1);
            int i = 0;
            while (i < stage.size()) {
                if (residual && i + 1 < stage.size()) {
                    x = residualBlock(ss + "/block" + (i / 2 + 1), x, channels, stage.get(i), stage.get(i + 1));
                    channels = stage.get(i + 1);
                    i += 2;
                    continue;
                }
                String cs = ss + "/conv" + (i + 1);
                x = layers.leakyRelu(cs + "/act", convBn(cs, x, channels, stage.get(i), 3, arch.batchNorm()));
                channels = stage.get(i);
                i++;
            }
            x = layers.maxPool(ss + "/pool", x);
            if (arch.roll() && st < arch.stages().size() - 1) {
                x = cyclic.roll(ss + "/roll", x);
                channels *= 4;
            }
        }
        int side = arch.outputSide(imageSize);
        long features = (long) channels * side * side;
        x = layers.flatten(s + "/flatten", x);
        if (cyclicSlice) {
            x = cyclic.rmsPool(s + "/cyclic_pool", x, features);
        }
        int pieces = arch.maxout();
        x = layers.linear(s + "/dense", x, (int) features, arch.denseUnits() * pieces);
        x = pieces > 1 ? layers.maxout(s + "/maxout", x, arch.denseUnits(), pieces) : layers.leakyRelu(s + "/dense/act", x);
        return head(s, x, arch.denseUnits());
    }

    /** A branch's output layer; its input is recorded as the branch's penultimate features. */
    private String head(String s, String x, int width) {
        penultimate.add(x);
        penultimateWidth += width;
        return layers.linear(s + "/classes", x, width, numClasses);
    }

    /**
     * The value names of the branches' penultimate features (after {@link #logits}), in the order
     * the torch engine concatenates them: convnet, fixed-scale net, size-feature net.
     */
    List<String> penultimate() {
        return List.copyOf(penultimate);
    }

    int penultimateWidth() {
        return penultimateWidth;
    }

    /** act(conv-BN-act-conv-BN(x) + x or its 1x1 conv-BN projection), as the torch engine's residual block. */
    private String residualBlock(String s, String x, int in, int mid, int out) {
        boolean bn = arch.batchNorm();
        String y = layers.leakyRelu(s + "/conv1/act", convBn(s + "/conv1", x, in, mid, 3, bn));
        y = convBn(s + "/conv2", y, mid, out, 3, bn);
        String shortcut = in == out ? x : convBn(s + "/projection", x, in, out, 1, bn);
        return layers.leakyRelu(s + "/act", layers.add(s + "/sum", y, shortcut));
    }

    private String fixedScaleNet(String s, String image, int side) {
        String x = image;
        int channels = 1;
        int sd = side;
        int stage = 0;
        for (int filters : new int[] {16, 32, 64}) {
            if ((sd - 3) / 2 + 1 < 1) {
                break;
            }
            String cs = s + "/stage" + ++stage;
            x = layers.leakyRelu(cs + "/act", convBn(cs + "/conv", x, channels, filters, 3, true));
            x = layers.maxPool(cs + "/pool", x);
            channels = filters;
            sd = (sd - 3) / 2 + 1;
        }
        x = layers.flatten(s + "/flatten", x);
        x = layers.leakyRelu(s + "/dense/act", layers.linear(s + "/dense", x, channels * sd * sd, 64));
        return head(s, x, 64);
    }

    /** The recipe's late-fusion branch: BN on the raw size features, 80, 80, classes. */
    private String sizeNet(String s, String features) {
        String x = layers.batchNorm(s + "/bn", features, SizeFeatures.COUNT);
        x = layers.leakyRelu(s + "/dense1/act", layers.linear(s + "/dense1", x, SizeFeatures.COUNT, 80));
        x = layers.leakyRelu(s + "/dense2/act", layers.linear(s + "/dense2", x, 80, 80));
        return head(s, x, 80);
    }

    /** A convolution (with a bias only without batch norm), then its batch norm. */
    private String convBn(String s, String x, int in, int out, int kernel, boolean bn) {
        String y = layers.conv(s, x, in, out, kernel, !bn);
        return bn ? layers.batchNorm(s + "/bn", y, out) : y;
    }

    GraphBuilder graph() {
        return g;
    }
}
