package org.plankton.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.plankton.core.weights.NamedTensor;

/**
 * A freshly initialised network has zero biases and batch-norm statistics of 0 and 1, under which
 * a wrong bias or normalisation in the graph would go unnoticed; these give every such tensor
 * random values of the size training produces.
 */
final class RandomWeights {

    private RandomWeights() {
    }

    static List<NamedTensor> perturbed(List<NamedTensor> weights, long seed) {
        Random r = new Random(seed);
        List<NamedTensor> out = new ArrayList<>(weights.size());
        for (NamedTensor t : weights) {
            float[] v = t.values().clone();
            String n = t.name();
            for (int i = 0; i < v.length; i++) {
                if (n.endsWith("runningVar")) {
                    v[i] = 0.3f + 1.5f * r.nextFloat();
                } else if (n.endsWith("runningMean") || n.endsWith("beta") || n.endsWith("bias")) {
                    v[i] = (float) r.nextGaussian() * 0.2f;
                } else if (n.endsWith("gamma")) {
                    v[i] = 0.5f + r.nextFloat();
                }
            }
            out.add(new NamedTensor(n, t.shape(), v));
        }
        return out;
    }
}
