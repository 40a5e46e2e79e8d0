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
 * The recipe's late fusion: the convnet sees the size-normalised image, a small network sees the
 * original image's size and shape features, and their outputs are summed before the softmax (adding
 * to the logits is adding to the convnet's log-probabilities up to a constant).
 *
 * <p>Input: one row per image of {@code side*side} pixels followed by the features, so that every
 * caller keeps passing one float array per batch.
 */
public final class LateFusion extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int side;
    private final int features;
    private final Block convnet;
    private final Block sizeNet;

    public LateFusion(Block convnet, Block sizeNet, int side, int features) {
        super(VERSION);
        this.side = side;
        this.features = features;
        this.convnet = addChildBlock("convnet", convnet);
        this.sizeNet = addChildBlock("sizeNet", sizeNet);
    }

    /** The size-feature branch (its last layer is a classifier head too). */
    public Block sizeNet() {
        return sizeNet;
    }

    /** The image branch (its last layer is the classifier head). */
    public Block convnet() {
        return convnet;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long n = x.getShape().get(0);
        int plane = side * side;
        NDArray image = x.get(":, :" + plane).reshape(n, 1, side, side);
        NDArray f = x.get(":, " + plane + ":");
        NDArray a = convnet.forward(store, new NDList(image), training, params).singletonOrThrow();
        NDArray b = sizeNet.forward(store, new NDList(f), training, params).singletonOrThrow();
        return new NDList(a.add(b));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return convnet.getOutputShapes(new Shape[] {new Shape(inputShapes[0].get(0), 1, side, side)});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long n = inputShapes[0].get(0);
        convnet.initialize(manager, dataType, new Shape(n, 1, side, side));
        sizeNet.initialize(manager, dataType, new Shape(n, features));
    }
}
