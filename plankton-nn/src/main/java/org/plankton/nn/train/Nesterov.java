package org.plankton.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SGD with Nesterov momentum, written here because DJL's {@code Optimizer.nag()} is not implemented
 * on the PyTorch engine. Uses PyTorch's formulation:
 * {@code g = grad + wd*w;  v = mu*v + g;  w -= lr * (g + mu*v)}.
 *
 * <p>The momentum buffers are exposed ({@link #momentumBuffers()}) so a checkpoint can save them
 * and {@code --resume} continues with the same optimiser state.
 */
public final class Nesterov extends Optimizer {

    private final ParameterTracker learningRate;
    private final float momentum;
    private final Map<String, NDArray> velocity = new ConcurrentHashMap<>();

    public Nesterov(ParameterTracker learningRate, float momentum, float weightDecay) {
        super(new Builder().optWeightDecays(weightDecay));
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        float lr = learningRate.getNewValue(parameterId, updateCount(parameterId));
        float wd = getWeightDecay();
        // Temporaries are closed explicitly: they would otherwise attach to the parameter's
        // long-lived manager and leak native memory every step.
        NDArray g = grad.mul(rescaleGrad);
        if (clipGrad > 0) {
            NDArray clipped = g.clip(-clipGrad, clipGrad);
            g.close();
            g = clipped;
        }
        if (wd > 0) {
            NDArray decay = weight.mul(wd);
            g.addi(decay);
            decay.close();
        }
        NDArray v = velocity.computeIfAbsent(parameterId, k -> {
            NDArray zeros = weight.zerosLike();
            zeros.detach();
            return zeros;
        });
        v.muli(momentum).addi(g);
        NDArray step = v.mul(momentum);
        step.addi(g).muli(lr);
        weight.subi(step);
        step.close();
        g.close();
    }

    /** Momentum buffers by DJL parameter id (live view; do not close them). */
    public Map<String, NDArray> momentumBuffers() {
        return Collections.unmodifiableMap(velocity);
    }

    /** Restores a momentum buffer saved from an earlier run (copied into a detached array). */
    public void restoreMomentum(String parameterId, NDArray buffer) {
        NDArray copy = buffer.duplicate();
        copy.detach();
        NDArray old = velocity.put(parameterId, copy);
        if (old != null) {
            old.close();
        }
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
