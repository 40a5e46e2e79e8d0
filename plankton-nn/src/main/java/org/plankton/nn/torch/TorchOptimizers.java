package org.plankton.nn.torch;

import org.bytedeco.pytorch.AdamW;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.Optimizer;
import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.TensorVector;
import org.plankton.nn.engine.OptimizerConfig;
import org.plankton.nn.engine.OptimizerKind;

/** libtorch's optimiser for an {@link OptimizerConfig} (the formulas are documented there). */
final class TorchOptimizers {

    private TorchOptimizers() {
    }

    static Optimizer create(OptimizerConfig config, TensorVector parameters) {
        if (config.kind() == OptimizerKind.NESTEROV) {
            SGDOptions o = new SGDOptions(config.learningRate());
            o.momentum().put(config.momentum());
            o.dampening().put(0.0);
            o.nesterov().put(config.momentum() > 0); // libtorch refuses Nesterov without momentum
            o.weight_decay().put(config.weightDecay());
            return new SGD(parameters, o);
        }
        AdamWOptions o = new AdamWOptions(config.learningRate());
        o.betas().put(0, 0.9).put(1, 0.999);
        o.eps().put(1e-8);
        o.weight_decay().put(config.weightDecay()); // libtorch's AdamW default is 1e-2: always set it
        o.amsgrad().put(false);
        return new AdamW(parameters, o);
    }
}
