package org.plankton.nn.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.plankton.core.weights.NamedTensor;
import org.plankton.core.weights.WeightFiles;

/**
 * A deep-learning engine behind the project's own interface: it builds the networks of a
 * {@link NetworkSpec} and runs them. Weights come in and go out as {@link NamedTensor} lists in the
 * engine-neutral parameter order (DJL's names, order and shapes, which every bundle so far uses).
 */
public interface Engine {

    /** For logs and provenance, e.g. {@code libtorch 2.10 (JavaCPP)}. */
    String description();

    /** A freshly initialised network (weights drawn with {@code seed}), for measurements and tests. */
    InferenceNetwork network(NetworkSpec spec, long seed);

    /** A network to train, freshly initialised from {@code options.seed()}. */
    TrainingSession train(NetworkSpec spec, TrainingOptions options);

    /** A network with {@code weights}; IllegalArgumentException when they do not fit the spec. */
    InferenceNetwork network(NetworkSpec spec, List<NamedTensor> weights);

    /**
     * A network with the weights of a bundle's weights file ({@code weights.params} from the DJL era
     * or {@code weights.safetensors}); IOException when unreadable or not fitting the spec.
     */
    default InferenceNetwork network(NetworkSpec spec, Path weightsFile) throws IOException {
        List<NamedTensor> weights = WeightFiles.read(weightsFile);
        try {
            return network(spec, weights);
        } catch (IllegalArgumentException e) {
            throw new IOException("weights " + weightsFile + " do not fit this architecture: " + e.getMessage(), e);
        }
    }
}
