package org.plankton.nn.arch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The recipe's ways of giving the network the organism's absolute size, which size normalisation
 * removes. The convnet sees the size-normalised image; optionally a small convnet sees the image at a
 * fixed scale (the recipe's second input) and a small dense network sees the original image's size
 * and shape features (the recipe's late fusion). Their outputs are summed before the softmax (adding
 * to the logits is adding to the convnet's log-probabilities up to a constant).
 *
 * <p>Input: one row per image laid out by {@link InputLayout} (pixels, fixed-scale pixels, features),
 * so that every caller keeps passing one float array per batch.
 */
public final class LateFusion extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int side;
    private final int fixedSide;
    private final int features;
    private final Block convnet;
    private final Block fixedNet;
    private final Block sizeNet;

    /**
     * @param fixedNet null without the fixed-scale branch
     * @param sizeNet  null without the size-feature branch
     */
    public LateFusion(Block convnet, Block fixedNet, Block sizeNet, int side, int fixedSide, int features) {
        super(VERSION);
        this.side = side;
        this.fixedSide = fixedNet == null ? 0 : fixedSide;
        this.features = sizeNet == null ? 0 : features;
        this.convnet = addChildBlock("convnet", convnet);
        this.fixedNet = fixedNet == null ? null : addChildBlock("fixedScaleNet", fixedNet);
        this.sizeNet = sizeNet == null ? null : addChildBlock("sizeNet", sizeNet);
    }

    /** The image branch (its last layer is the classifier head). */
    public Block convnet() {
        return convnet;
    }

    /** The fixed-scale branch, or null. */
    public Block fixedNet() {
        return fixedNet;
    }

    /** The size-feature branch, or null. */
    public Block sizeNet() {
        return sizeNet;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long n = x.getShape().get(0);
        int start = side * side;
        NDArray image = x.get(":, :" + start).reshape(n, 1, side, side);
        NDArray sum = convnet.forward(store, new NDList(image), training, params).singletonOrThrow();
        if (fixedNet != null) {
            int end = start + fixedSide * fixedSide;
            NDArray fixed = x.get(":, " + start + ":" + end).reshape(n, 1, fixedSide, fixedSide);
            sum = sum.add(fixedNet.forward(store, new NDList(fixed), training, params).singletonOrThrow());
            start = end;
        }
        if (sizeNet != null) {
            NDArray f = x.get(":, " + start + ":" + (start + features));
            sum = sum.add(sizeNet.forward(store, new NDList(f), training, params).singletonOrThrow());
        }
        return new NDList(sum);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return convnet.getOutputShapes(new Shape[] {new Shape(inputShapes[0].get(0), 1, side, side)});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        convnet.initialize(manager, dataType, new Shape(n, 1, side, side));
        if (fixedNet != null) {
            fixedNet.initialize(manager, dataType, new Shape(n, 1, fixedSide, fixedSide));
        }
        if (sizeNet != null) {
            sizeNet.initialize(manager, dataType, new Shape(n, features));
        }
    }
}
