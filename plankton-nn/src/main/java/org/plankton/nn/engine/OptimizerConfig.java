package org.plankton.nn.engine;


/**
 * The optimiser of a training session; the libtorch engine runs libtorch's own C++ implementations,
 * float32 state.
 *
 * <p>{@code nesterov}: {@code torch::optim::SGD} with {@code nesterov=true}, dampening 0. Its step is
 * {@code g = grad + wd*w; buf = mu*buf + g (buf = g on the first step); w -= lr*(g + mu*buf)}, the
 * formula of the DJL-era optimiser (whose zero-initialised buffer gave the same first step), with weight decay as L2 added to the gradient of every trained tensor,
 * biases and batch-norm scales included, as there.
 *
 * <p>{@code adamw}: {@code torch::optim::AdamW}, decoupled decay {@code w -= lr*wd*w} on every trained
 * tensor, betas (0.9, 0.999), eps 1e-8, as DJL's {@code Optimizer.adamW()} which {@code train} used.
 * One difference: libtorch adds eps to {@code sqrt(v_hat)}, DJL to {@code sqrt(v)} before the bias
 * correction; it matters only while {@code v} is tiny, in the first steps.
 *
 * @param kind         {@code nesterov} or {@code adamw}
 * @param learningRate the initial rate; a schedule changes it with {@link TrainingSession#setLearningRate}
 * @param momentum     Nesterov momentum (ignored by AdamW)
 * @param weightDecay  as above, per kind
 */
public record OptimizerConfig(OptimizerKind kind, double learningRate, double momentum, double weightDecay) {

    public OptimizerConfig {
        if (kind == null) {
            throw new IllegalArgumentException("optimizer must be given (known: nesterov, adamw)");
        }
        if (!(learningRate > 0) || !(momentum >= 0 && momentum < 1) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("need learning rate > 0, momentum in [0, 1), weight decay >= 0; got "
                    + learningRate + ", " + momentum + ", " + weightDecay);
        }
    }

    /** {@link OptimizerKind#NESTEROV} with these settings, or AdamW (momentum ignored). */
    public static OptimizerConfig of(OptimizerKind kind, double learningRate, double momentum, double weightDecay) {
        return kind == OptimizerKind.NESTEROV ? nesterov(learningRate, momentum, weightDecay)
                : adamW(learningRate, weightDecay);
    }

    public static OptimizerConfig nesterov(double learningRate, double momentum, double weightDecay) {
        return new OptimizerConfig(OptimizerKind.NESTEROV, learningRate, momentum, weightDecay);
    }

    public static OptimizerConfig adamW(double learningRate, double weightDecay) {
        return new OptimizerConfig(OptimizerKind.ADAMW, learningRate, 0, weightDecay);
    }
}
