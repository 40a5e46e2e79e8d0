package org.plankton.nn.infer;

import ai.djl.ndarray.NDArray;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.plankton.core.weights.NamedTensor;

/**
 * A DJL {@link Network}'s weights as engine-neutral {@link NamedTensor}s and back: the bridge that
 * lets weights trained on the JavaCPP engine ({@code org.plankton.nn.torch}, which names and orders
 * its parameters as DJL does) be used by DJL, and the other way round, through safetensors files.
 */
public final class DjlWeights {

    private DjlWeights() {
    }

    /** Every parameter and running statistic, float32, in {@code getParameters()} order under DJL's full names. */
    public static List<NamedTensor> of(Network net) {
        List<NamedTensor> out = new ArrayList<>();
        for (var p : net.block().getParameters()) {
            NDArray a = p.getValue().getArray();
            out.add(new NamedTensor(p.getKey(), a.getShape().getShape(), a.toFloatArray()));
        }
        return out;
    }

    /**
     * Copies {@code weights} into {@code net} by position; each must have the parameter's full name
     * (or, as in a DJL {@code .params} file, its short name) and shape, else IllegalArgumentException
     * naming the first mismatch and nothing is changed.
     */
    public static void load(Network net, List<NamedTensor> weights) {
        var params = net.block().getParameters();
        if (params.size() != weights.size()) {
            throw new IllegalArgumentException("the weights have " + weights.size() + " tensors, this network has "
                    + params.size() + " (different architecture?)");
        }
        for (int i = 0; i < weights.size(); i++) {
            var p = params.get(i);
            NamedTensor w = weights.get(i);
            boolean nameOk = w.name().equals(p.getKey()) || w.name().equals(p.getValue().getName());
            long[] shape = p.getValue().getArray().getShape().getShape();
            if (!nameOk || !Arrays.equals(shape, w.shape())) {
                throw new IllegalArgumentException("tensor " + i + " is " + w + ", this network expects " + p.getKey()
                        + Arrays.toString(shape) + " (different architecture?)");
            }
        }
        for (int i = 0; i < weights.size(); i++) {
            params.get(i).getValue().getArray().set(FloatBuffer.wrap(weights.get(i).values()));
        }
        net.setComputeType(net.computeType()); // cast copies of the old weights are stale now
    }
}
