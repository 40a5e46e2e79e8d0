package org.plankton.nn.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.plankton.core.weights.NamedTensor;

/**
 * A network being trained, with its optimiser: what the training loop needs and nothing of the
 * library underneath. Holds native memory: close it. Not thread-safe.
 */
public interface TrainingSession extends AutoCloseable {

    /**
     * One optimisation step: forward (in the session's precision), the softmax cross-entropy against
     * the batch's labels or soft targets, backward, gradient clipping, update. Returns the batch's
     * mean loss.
     *
     * @throws TrainingDiverged at the first non-finite loss or gradient, before the update
     */
    float step(Batch batch);

    /** The learning rate of the next steps (schedules). */
    void setLearningRate(double learningRate);

    /**
     * Freezes (or thaws) the convolutional feature extractors (see
     * {@link ParameterNames#featureParameters}): frozen parameters get no gradient and no update.
     * Batch-norm running statistics keep following the data either way.
     */
    void freezeFeatures(boolean frozen);

    /** The network as it is now, in inference mode (for validation between epochs). */
    InferenceNetwork network();

    /** Every parameter and running statistic, float32, in the engine-neutral order and names. */
    List<NamedTensor> weights();

    /** Replaces the weights by position (warm starts); IllegalArgumentException when they do not fit. */
    void loadWeights(List<NamedTensor> weights);

    /** Writes the weights as a bundle's weights file (safetensors). */
    void writeWeights(Path file) throws IOException;

    /**
     * Writes the weights and the optimiser state (momentum buffers or AdamW moments and step counts,
     * with the engine's random generator), so that {@link #restoreCheckpoint} continues exactly.
     */
    void saveCheckpoint(Path weightsFile, Path stateFile) throws IOException;

    /** Restores what {@link #saveCheckpoint} wrote; IOException when it does not fit this session. */
    void restoreCheckpoint(Path weightsFile, Path stateFile) throws IOException;

    /** Number of trained values (running statistics not counted). */
    long parameterCount();

    /** The guard's counts: steps, clipped steps. */
    StepGuard guard();

    /** Engine and precision, for logs and provenance. */
    String description();

    @Override
    void close();
}
