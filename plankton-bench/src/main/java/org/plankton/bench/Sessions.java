package org.plankton.bench;

import org.plankton.nn.arch.ArchitectureConfig;
import org.plankton.nn.engine.Engines;
import org.plankton.nn.engine.NetworkSpec;
import org.plankton.nn.engine.OptimizerConfig;
import org.plankton.nn.engine.Precision;
import org.plankton.nn.engine.TrainingOptions;
import org.plankton.nn.engine.TrainingSession;

/** Training sessions for measurements: the recipe's optimiser settings, the default clipping, seed 1. */
final class Sessions {

    private Sessions() {
    }

    static TrainingSession create(ArchitectureConfig arch, int numClasses, int imageSize, Precision precision) {
        return Engines.current().train(new NetworkSpec(arch, numClasses, imageSize),
                new TrainingOptions(OptimizerConfig.nesterov(0.001, 0.9, 5e-4), precision,
                        org.plankton.nn.train.TrainConfig.DEFAULT_GRAD_CLIP_NORM, 1, 0));
    }
}
