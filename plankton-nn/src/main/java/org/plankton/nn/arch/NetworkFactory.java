package org.plankton.nn.arch;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.ndarray.NDList;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.XavierInitializer;
import org.plankton.core.features.SizeFeatures;

/** Builds the DJL block for an {@link ArchitectureConfig}. Input NCHW (N, 1, S, S); output logits. */
public final class NetworkFactory {

    private NetworkFactory() {
    }

    public static Block build(ArchitectureConfig config, int numClasses, int imageSize) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + numClasses);
        }
        if (config.outputSide(imageSize) < 1) {
            throw new IllegalArgumentException("image size " + imageSize + " is too small for "
                    + config.stages().size() + " pooling stages");
        }
        boolean cyclic = config.rotations() == 4;
        if (cyclic && !config.poolsSymmetrically(imageSize)) {
            throw new IllegalArgumentException("with rotations, every pooling stage must cover its input exactly "
                    + "(side - 3 even at each stage) for the prediction to be rotation invariant; image size "
                    + imageSize + " does not (use e.g. 31, 47, 63 or 95)");
        }
        float slope = config.leakySlope();
        SequentialBlock net = new SequentialBlock();
        if (cyclic) {
            net.add(CyclicSlice.slice());
        }
        boolean residual = config.type().equals("resnet");
        int channels = 1;
        for (int s = 0; s < config.stages().size(); s++) {
            var stage = config.stages().get(s);
            int i = 0;
            while (i < stage.size()) {
                if (residual && i + 1 < stage.size()) {
                    net.add(residualBlock(channels, stage.get(i), stage.get(i + 1), config));
                    channels = stage.get(i + 1);
                    i += 2;
                    continue;
                }
                net.add(conv(stage.get(i), 3, config.batchNorm()));
                if (config.batchNorm()) {
                    net.add(BatchNorm.builder().build());
                }
                net.add(Activation.leakyReluBlock(slope));
                channels = stage.get(i);
                i++;
            }
            // Overlapping 3x3 stride-2 pooling, as in the recipe (95 -> 47 -> 23 -> 11 -> 5).
            net.add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2)));
            if (config.roll() && s < config.stages().size() - 1) {
                net.add(CyclicSlice.roll());
                channels *= 4;
            }
        }
        net.add(Blocks.batchFlattenBlock());
        if (cyclic) {
            net.add(CyclicSlice.rmsPool());
        }
        if (config.dropout() > 0) {
            net.add(Dropout.builder().optRate(config.dropout()).build());
        }
        int pieces = config.maxout();
        net.add(Linear.builder().setUnits((long) config.denseUnits() * pieces).build());
        net.add(pieces > 1 ? maxout(config.denseUnits(), pieces) : Activation.leakyReluBlock(slope));
        if (config.dropout() > 0) {
            net.add(Dropout.builder().optRate(config.dropout()).build());
        }
        net.add(Linear.builder().setUnits(numClasses).build());
        Block top = net;
        if (config.sizeFeatures() || config.fixedScale() > 0) {
            SequentialBlock sizeNet = null;
            if (config.sizeFeatures()) {
                // The recipe's fusion network: 2 x 80 units; batch norm first, since the features
                // come in their own units (log pixels, ratios).
                sizeNet = new SequentialBlock()
                        .add(BatchNorm.builder().build())
                        .add(Linear.builder().setUnits(80).build())
                        .add(Activation.leakyReluBlock(slope))
                        .add(Linear.builder().setUnits(80).build())
                        .add(Activation.leakyReluBlock(slope))
                        .add(Linear.builder().setUnits(numClasses).build());
            }
            InputLayout layout = InputLayout.of(config, imageSize);
            SequentialBlock fixedNet = config.fixedScale() > 0 ? fixedScaleNet(layout.fixedSide(), numClasses, config) : null;
            top = new LateFusion(net, fixedNet, sizeNet, imageSize, layout.fixedSide(), SizeFeatures.COUNT);
        }
        if (config.init().equals("orthogonal")) {
            top.setInitializer(new OrthogonalInitializer(OrthogonalInitializer.leakyReluGain(slope)),
                    Parameter.Type.WEIGHT);
        } else {
            // DJL's default initialiser made training diverge (measured, see java-dl-eval.md);
            // PyTorch-style uniform fan-in initialisation is stable.
            top.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                    XavierInitializer.FactorType.IN, 1), Parameter.Type.WEIGHT);
        }
        top.setInitializer(new ConstantInitializer(0f), Parameter.Type.BIAS);
        return top;
    }

    /**
     * A small convnet for the fixed-scale view (16 | 32 | 64 filters, 3x3/2 pooling, 64 dense units):
     * it only needs to see how large and how dense the organism is.
     */
    private static SequentialBlock fixedScaleNet(int side, int numClasses, ArchitectureConfig config) {
        SequentialBlock b = new SequentialBlock();
        int s = side;
        for (int filters : new int[] {16, 32, 64}) {
            if ((s - 3) / 2 + 1 < 1) {
                break;
            }
            b.add(conv(filters, 3, true)).add(BatchNorm.builder().build()).add(Activation.leakyReluBlock(config.leakySlope()))
                    .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2)));
            s = (s - 3) / 2 + 1;
        }
        return b.add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(64).build())
                .add(Activation.leakyReluBlock(config.leakySlope()))
                .add(Linear.builder().setUnits(numClasses).build());
    }

    private static Block conv(int filters, int kernel, boolean batchNorm) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .setFilters(filters)
                .optBias(!batchNorm)
                .build();
    }

    /**
     * conv-BN-act-conv-BN, plus the input (through a 1x1 conv where the channel count changes),
     * then the activation.
     */
    private static Block residualBlock(int in, int mid, int out, ArchitectureConfig config) {
        boolean bn = config.batchNorm();
        SequentialBlock main = new SequentialBlock().add(conv(mid, 3, bn));
        if (bn) {
            main.add(BatchNorm.builder().build());
        }
        main.add(Activation.leakyReluBlock(config.leakySlope())).add(conv(out, 3, bn));
        if (bn) {
            main.add(BatchNorm.builder().build());
        }
        Block shortcut;
        if (in == out) {
            shortcut = Blocks.identityBlock();
        } else {
            SequentialBlock projection = new SequentialBlock().add(conv(out, 1, bn));
            if (bn) {
                projection.add(BatchNorm.builder().build());
            }
            shortcut = projection;
        }
        ParallelBlock sum = new ParallelBlock(
                branches -> new NDList(branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow())),
                java.util.List.of(main, shortcut));
        return new SequentialBlock().add(sum).add(Activation.leakyReluBlock(config.leakySlope()));
    }

    /** Maxout: the max over {@code pieces} linear pieces per unit (units laid out unit-major). */
    static Block maxout(int units, int pieces) {
        return LambdaBlock.singleton(x -> x.reshape(x.getShape().get(0), units, pieces).max(new int[] {2}),
                "maxout" + pieces);
    }
}
