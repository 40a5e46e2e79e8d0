package org.plankton.onnx;

import java.util.Arrays;
import java.util.List;
import org.plankton.core.weights.NamedTensor;

/**
 * Hands out a network's tensors in the order the network creates them (the order of
 * {@code TorchNetwork.weights()} and of a DJL {@code .params} file), checking each one's kind (the
 * end of its name: {@code weight}, {@code bias}, {@code gamma}, {@code beta}, {@code runningMean},
 * {@code runningVar}; DJL files keep only that short name) and shape, so weights of another
 * architecture are refused with the first mismatch instead of producing a graph that computes
 * something else.
 */
final class WeightCursor {

    private final List<NamedTensor> tensors;
    private int next;

    WeightCursor(List<NamedTensor> tensors) {
        this.tensors = List.copyOf(tensors);
    }

    /** The next tensor, which must be of {@code kind} and {@code shape}. */
    float[] next(String kind, long... shape) {
        if (next >= tensors.size()) {
            throw new IllegalArgumentException("the weights have " + tensors.size() + " tensors, the architecture needs more"
                    + " (next: a " + kind + " of shape " + Arrays.toString(shape) + "; different architecture?)");
        }
        NamedTensor t = tensors.get(next);
        if (!t.name().endsWith(kind) || !Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException("tensor " + next + " is " + t + ", the architecture expects a " + kind
                    + " of shape " + Arrays.toString(shape) + " there (different architecture?)");
        }
        next++;
        return t.values();
    }

    /** Every tensor must have been used. */
    void finish() {
        if (next != tensors.size()) {
            throw new IllegalArgumentException("the weights have " + tensors.size() + " tensors, the architecture uses "
                    + next + " (different architecture?)");
        }
    }
}
