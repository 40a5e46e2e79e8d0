package org.plankton.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.plankton.nn.arch.LateFusion;

/**
 * Says where a diverged network went wrong: the first parameter that is no longer finite, and the
 * first layer of the image branch whose activations on the offending batch are non-finite or
 * exploded. Runs only after a divergence, so its cost does not matter.
 */
final class DivergenceDiagnosis {

    /** Activations above this magnitude count as exploded (a healthy batch-normed net stays below 1e3). */
    static final float EXPLODED = 1e6f;

    private DivergenceDiagnosis() {
    }

    static String describe(Block network, NDManager manager, Batch batch) {
        StringBuilder why = new StringBuilder();
        String parameter = firstNonFiniteParameter(network);
        if (parameter != null) {
            why.append("first non-finite weights: ").append(parameter).append("; ");
        }
        try (NDManager m = manager.newSubManager()) {
            why.append(firstExplodedLayer(network, m, batch));
        } catch (RuntimeException e) {
            why.append("could not trace the layers (").append(e.getMessage()).append(')');
        }
        return why.toString();
    }

    private static String firstNonFiniteParameter(Block network) {
        for (Pair<String, Parameter> p : network.getParameters()) {
            NDArray a = p.getValue().getArray();
            if (!finite(a)) {
                return p.getKey();
            }
        }
        return null;
    }

    private static String firstExplodedLayer(Block network, NDManager m, Batch batch) {
        Block convnet = network instanceof LateFusion f ? f.convnet() : network;
        if (!(convnet instanceof SequentialBlock layers)) {
            return "image branch is not a layer sequence";
        }
        int side = batch.side();
        int perImage = batch.pixels().length / batch.size();
        float[] image = new float[batch.size() * side * side];
        for (int i = 0; i < batch.size(); i++) {
            System.arraycopy(batch.pixels(), i * perImage, image, i * side * side, side * side);
        }
        NDArray x = m.create(image, new Shape(batch.size(), 1, side, side));
        ParameterStore store = new ParameterStore(m, false);
        NDList h = new NDList(x);
        int index = 0;
        for (Pair<String, Block> layer : layers.getChildren()) {
            index++;
            h = layer.getValue().forward(store, h, true);
            NDArray out = h.singletonOrThrow();
            float max = out.abs().max().toType(DataType.FLOAT32, false).getFloat();
            if (!Float.isFinite(max) || max > EXPLODED) {
                return String.format("activations exploded at layer %d of the image branch (%s, max |x| = %.3g)",
                        index, layer.getKey(), max);
            }
        }
        return "the image branch's activations stay finite on this batch (the loss or a later branch overflowed)";
    }

    private static boolean finite(NDArray a) {
        try (NDArray bad = a.isNaN().logicalOr(a.isInfinite()); NDArray any = bad.any()) {
            return !any.getBoolean();
        }
    }
}
