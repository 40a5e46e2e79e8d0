package org.plankton.nn.arch;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * A VGG-like network as in the 2015 winning recipe: stages of 3x3 "same" convolutions, each stage
 * followed by an overlapping 3x3 stride-2 max-pool, then dense layers with dropout.
 *
 * @param type        {@code "vgg"} (plain stacks of convolutions), or {@code "resnet"}: the same
 *                    stages, with each pair of convolutions in a stage made a residual block
 *                    (He et al. 2016: the pair's output is added to its input, through a 1x1
 *                    projection where the channel count changes)
 * @param stages      filters of each convolution, one list per pooling stage
 * @param denseUnits  units of the hidden dense layer
 * @param leakySlope  slope of leaky ReLU for negative inputs (recipe: 1/3, it reduced overfitting)
 * @param dropout     dropout rate before each dense layer (recipe: 0.5)
 * @param batchNorm   batch normalisation after each convolution (not in the 2015 recipe; it lets
 *                    short CPU runs use a higher learning rate)
 * @param init        weight initialisation: {@code xavier} (uniform, fan-in; PyTorch-like) or
 *                    {@code orthogonal} (the recipe's, gain for leaky ReLU)
 * @param maxout      pieces of the hidden dense layer's maxout units (recipe: 2); 1 = plain leaky ReLU
 * @param rotations   1, or 4 for the recipe's cyclic slice: each image goes through the shared
 *                    convolutions in 4 exact 90-degree rotations, pooled by root-mean-square before
 *                    the dense layers, which makes the prediction invariant to those rotations
 * @param roll        with 4 rotations: after every pooling stage but the last, each copy also sees the
 *                    other copies' feature maps, rotated into its own frame (the recipe's roll layer)
 * @param sizeFeatures late fusion of the original image's size and shape features
 *                     ({@link org.plankton.core.features.SizeFeatures}): a small network (2 x 80 units)
 *                     whose outputs are added to the convnet's logits (the recipe's late fusion)
 * @param fixedScale   0, or the scale (canvas pixels per original pixel) of a second input: the image
 *                     at a fixed scale on a canvas half the input's side, where absolute size stays
 *                     visible, seen by a small convnet whose outputs are added to the logits too
 */
public record ArchitectureConfig(String type, List<List<Integer>> stages, int denseUnits, float leakySlope,
                                 float dropout, boolean batchNorm, String init, int maxout, int rotations,
                                 boolean roll, boolean sizeFeatures, float fixedScale) {

    /** The 2015 recipe's dense units and init scheme are optional; bundles from before them load as xavier/plain. */
    public ArchitectureConfig(String type, List<List<Integer>> stages, int denseUnits, float leakySlope,
                              float dropout, boolean batchNorm) {
        this(type, stages, denseUnits, leakySlope, dropout, batchNorm, "xavier", 1, 1, false, false, 0f);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public ArchitectureConfig {
        if (!"vgg".equals(type) && !"resnet".equals(type)) {
            throw new IllegalArgumentException("unknown architecture type '" + type + "' (known: vgg, resnet)");
        }
        if (stages == null || stages.isEmpty()) {
            throw new IllegalArgumentException("at least one convolution stage is needed, got " + stages);
        }
        stages = stages.stream().map(List::copyOf).toList();
        for (List<Integer> stage : stages) {
            if (stage.isEmpty() || stage.stream().anyMatch(f -> f == null || f < 1 || f > 4096)) {
                throw new IllegalArgumentException("each stage needs 1..4096 filters per convolution, got " + stage);
            }
        }
        if (denseUnits < 1) {
            throw new IllegalArgumentException("denseUnits must be >= 1, got " + denseUnits);
        }
        if (!(leakySlope >= 0 && leakySlope < 1)) {
            throw new IllegalArgumentException("leakySlope must be in [0, 1), got " + leakySlope);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        // Fields missing from bundles written before they existed arrive as null / 0.
        init = init == null ? "xavier" : init;
        maxout = maxout == 0 ? 1 : maxout;
        rotations = rotations == 0 ? 1 : rotations;
        if (!init.equals("xavier") && !init.equals("orthogonal")) {
            throw new IllegalArgumentException("unknown init '" + init + "' (known: xavier, orthogonal)");
        }
        if (maxout < 1 || maxout > 8) {
            throw new IllegalArgumentException("maxout pieces must be in [1, 8], got " + maxout);
        }
        if (rotations != 1 && rotations != 4) {
            throw new IllegalArgumentException("rotations must be 1 or 4 (cyclic slice), got " + rotations);
        }
        if (!(fixedScale >= 0 && fixedScale <= 4)) {
            throw new IllegalArgumentException("fixed scale must be in [0, 4], got " + fixedScale);
        }
        if (roll && rotations != 4) {
            throw new IllegalArgumentException("roll layers need the cyclic slice (rotations 4)");
        }
    }

    /** Residual blocks ({@code true}: type resnet) or plain stacks (vgg). */
    public ArchitectureConfig withResidual(boolean v) {
        return new ArchitectureConfig(v ? "resnet" : "vgg", stages, denseUnits, leakySlope, dropout, batchNorm, init, maxout,
                rotations, roll, sizeFeatures, fixedScale);
    }

    public ArchitectureConfig withLeakySlope(float v) {
        return new ArchitectureConfig(type, stages, denseUnits, v, dropout, batchNorm, init, maxout, rotations, roll, sizeFeatures, fixedScale);
    }

    public ArchitectureConfig withDropout(float v) {
        return new ArchitectureConfig(type, stages, denseUnits, leakySlope, v, batchNorm, init, maxout, rotations, roll, sizeFeatures, fixedScale);
    }

    public ArchitectureConfig withBatchNorm(boolean v) {
        return new ArchitectureConfig(type, stages, denseUnits, leakySlope, dropout, v, init, maxout, rotations, roll, sizeFeatures, fixedScale);
    }

    public ArchitectureConfig withInit(String v) {
        return new ArchitectureConfig(type, stages, denseUnits, leakySlope, dropout, batchNorm, v, maxout, rotations, roll, sizeFeatures, fixedScale);
    }

    public ArchitectureConfig withMaxout(int v) {
        return new ArchitectureConfig(type, stages, denseUnits, leakySlope, dropout, batchNorm, init, v, rotations, roll, sizeFeatures, fixedScale);
    }

    public ArchitectureConfig withFixedScale(float v) {
        return new ArchitectureConfig(type, stages, denseUnits, leakySlope, dropout, batchNorm, init, maxout, rotations,
                roll, sizeFeatures, v);
    }

    public ArchitectureConfig withSizeFeatures(boolean v) {
        return new ArchitectureConfig(type, stages, denseUnits, leakySlope, dropout, batchNorm, init, maxout, rotations, roll, v, fixedScale);
    }

    /** Cyclic slice and pooling over 4 rotations, with or without roll layers. */
    public ArchitectureConfig withRotations(int v, boolean withRoll) {
        return new ArchitectureConfig(type, stages, denseUnits, leakySlope, dropout, batchNorm, init, maxout, v, withRoll, sizeFeatures, fixedScale);
    }

    /**
     * Whether every pooling stage covers its input exactly (side - 3 even at each stage), so that
     * pooling commutes with 90-degree rotations and flips: needed for exact rotation invariance
     * (e.g. 95, 63, 47 or 31 pixels; not 64).
     */
    public boolean poolsSymmetrically(int imageSize) {
        int side = imageSize;
        for (int i = 0; i < stages.size(); i++) {
            if ((side - 3) % 2 != 0) {
                return false;
            }
            side = (side - 3) / 2 + 1;
        }
        return true;
    }

    /**
     * The default for 2 CPU cores: four stages (32 | 64,64 | 128,128 | 256), 512 dense units.
     * Smaller than the recipe's networks so that a CPU-hour buys several epochs of NDSB.
     */
    public static ArchitectureConfig defaults() {
        return new ArchitectureConfig("vgg", List.of(List.of(32), List.of(64, 64), List.of(128, 128), List.of(256)),
                512, 1f / 3f, 0.5f, true);
    }

    /** The names {@link #preset(String)} knows, in the order a help text lists them. */
    public static final List<String> PRESETS = List.of("default", "tiny", "deep", "wide", "resnet");

    /**
     * A named network preset: {@code default} ({@link #defaults()}), {@code tiny} ({@link #tiny()}),
     * {@code wide} (a VGG-BN closer to the 2015 winners' and the 10th place's: two convolutions in the
     * first two stages and three in the last two, 32-32 | 64-64 | 128-128-128 | 256-256-256, about 4x
     * the default's convolution cost at the same input side), {@code deep} (two convolutions in every
     * stage, 32-32 | 64-64 | 128-128 | 256-256) or {@code resnet} (deep's convolutions, each pair made a
     * residual block).
     * Dropout and dense units as the default's.
     */
    public static ArchitectureConfig preset(String name) {
        ArchitectureConfig d = defaults();
        return switch (name) {
            case "default" -> d;
            case "tiny" -> tiny();
            case "wide" -> new ArchitectureConfig("vgg", List.of(List.of(32, 32), List.of(64, 64), List.of(128, 128, 128),
                    List.of(256, 256, 256)), d.denseUnits(), d.leakySlope(), d.dropout(), true);
            case "deep" -> new ArchitectureConfig("vgg", List.of(List.of(32, 32), List.of(64, 64), List.of(128, 128),
                    List.of(256, 256)), d.denseUnits(), d.leakySlope(), d.dropout(), true);
            case "resnet" -> preset("deep").withResidual(true);
            default -> throw new IllegalArgumentException("unknown network preset '" + name + "' (known: "
                    + String.join(", ", PRESETS) + ")");
        };
    }

    /** A tiny network for tests and smoke runs. */
    public static ArchitectureConfig tiny() {
        return new ArchitectureConfig("vgg", List.of(List.of(8), List.of(16)), 32, 0.1f, 0.1f, true);
    }

    /** Side of the feature map after all pooling stages, for an input of {@code imageSize}. */
    public int outputSide(int imageSize) {
        int side = imageSize;
        for (int i = 0; i < stages.size(); i++) {
            side = (side - 3) / 2 + 1;
        }
        return side;
    }

    public Map<String, Object> toMap() {
        return JSON.convertValue(this, JSON.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
    }

    /** Reads a config saved by {@link #toMap()}; an unknown or malformed config gives an IAE naming it. */
    public static ArchitectureConfig fromMap(Map<String, Object> map) {
        try {
            return JSON.convertValue(map, ArchitectureConfig.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid architecture " + map + ": " + e.getMessage(), e);
        }
    }
}
