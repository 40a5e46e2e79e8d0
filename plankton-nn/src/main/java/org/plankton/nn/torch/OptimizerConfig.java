package org.plankton.nn.torch;

import org.bytedeco.pytorch.AdamW;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.Optimizer;
import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.TensorVector;

/**
 * The optimiser of a {@link TorchTrainer}: libtorch's own C++ implementations, float32 state.
 *
 * <p>{@code nesterov}: {@code torch::optim::SGD} with {@code nesterov=true}, dampening 0. Its step is
 * {@code g = grad + wd*w; buf = mu*buf + g (buf = g on the first step); w -= lr*(g + mu*buf)}, the
 * formula of our DJL optimiser {@link org.plankton.nn.train.Nesterov} (whose zero-initialised buffer
 * gives the same first step), with weight decay as L2 added to the gradient of every trained tensor,
 * biases and batch-norm scales included, as there.
 *
 * <p>{@code adamw}: {@code torch::optim::AdamW}, decoupled decay {@code w -= lr*wd*w} on every trained
 * tensor, betas (0.9, 0.999), eps 1e-8, as DJL's {@code Optimizer.adamW()} which {@code train} uses.
 * One difference: libtorch adds eps to {@code sqrt(v_hat)}, DJL to {@code sqrt(v)} before the bias
 * correction; it matters only while {@code v} is tiny, in the first steps.
 *
 * @param kind         {@code nesterov} or {@code adamw}
 * @param learningRate the initial rate; a schedule changes it with {@link TorchTrainer#setLearningRate}
 * @param momentum     Nesterov momentum (ignored by AdamW)
 * @param weightDecay  as above, per kind
 */
public record OptimizerConfig(String kind, double learningRate, double momentum, double weightDecay) {

    public OptimizerConfig {
        if (!"nesterov".equals(kind) && !"adamw".equals(kind)) {
            throw new IllegalArgumentException("unknown optimizer '" + kind + "' (known: nesterov, adamw)");
        }
        if (!(learningRate > 0) || !(momentum >= 0 && momentum < 1) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("need learning rate > 0, momentum in [0, 1), weight decay >= 0; got "
                    + learningRate + ", " + momentum + ", " + weightDecay);
        }
    }

    public static OptimizerConfig nesterov(double learningRate, double momentum, double weightDecay) {
        return new OptimizerConfig("nesterov", learningRate, momentum, weightDecay);
    }

    public static OptimizerConfig adamW(double learningRate, double weightDecay) {
        return new OptimizerConfig("adamw", learningRate, 0, weightDecay);
    }

    Optimizer create(TensorVector parameters) {
        if (kind.equals("nesterov")) {
            SGDOptions o = new SGDOptions(learningRate);
            o.momentum().put(momentum);
            o.dampening().put(0.0);
            o.nesterov().put(momentum > 0); // libtorch refuses Nesterov without momentum
            o.weight_decay().put(weightDecay);
            return new SGD(parameters, o);
        }
        AdamWOptions o = new AdamWOptions(learningRate);
        o.betas().put(0, 0.9).put(1, 0.999);
        o.eps().put(1e-8);
        o.weight_decay().put(weightDecay); // libtorch's AdamW default is 1e-2: always set it
        o.amsgrad().put(false);
        return new AdamW(parameters, o);
    }
}
