package org.plankton.nn.torch;

import java.util.List;
import org.plankton.core.weights.NamedTensor;
import org.plankton.nn.engine.Engine;
import org.plankton.nn.engine.InferenceNetwork;
import org.plankton.nn.engine.NetworkSpec;
import org.plankton.nn.engine.TrainingOptions;
import org.plankton.nn.engine.TrainingSession;

/** The JavaCPP libtorch engine behind the project's {@link Engine} interface. */
public final class TorchEngine implements Engine {

    /** The engine as provenance and the first line of {@code train} name it. */
    public static final String DESCRIPTION = "libtorch 2.10 (JavaCPP)";

    @Override
    public String description() {
        return DESCRIPTION;
    }

    @Override
    public InferenceNetwork network(NetworkSpec spec, long seed) {
        return TorchNetwork.create(spec.architecture(), spec.numClasses(), spec.imageSize(), seed);
    }

    @Override
    public TrainingSession train(NetworkSpec spec, TrainingOptions options) {
        return new TorchTrainingSession(spec, options);
    }

    @Override
    public InferenceNetwork network(NetworkSpec spec, List<NamedTensor> weights) {
        return TorchNetwork.withWeights(spec.architecture(), spec.numClasses(), spec.imageSize(), weights);
    }
}
