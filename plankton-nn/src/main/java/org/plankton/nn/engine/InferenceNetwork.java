package org.plankton.nn.engine;

import java.util.List;
import org.plankton.core.weights.NamedTensor;
import org.plankton.nn.arch.InputLayout;

/**
 * A trained network that turns input rows ({@link #layout()}: pixels, then any extra inputs, one
 * row per image) into class probabilities, in inference mode (no dropout, batch-norm running
 * statistics). Holds native memory: close it. Not thread-safe: one per thread.
 */
public interface InferenceNetwork extends AutoCloseable {

    /** Softmax probabilities, float32, of the {@code n} images starting at image {@code first} of {@code rows}. */
    float[][] probabilities(float[] rows, int first, int n);

    /** As {@link #probabilities(float[], int, int)} from the first image. */
    default float[][] probabilities(float[] rows, int n) {
        return probabilities(rows, 0, n);
    }

    /**
     * Penultimate-layer features and logits of the {@code n} images starting at image {@code first},
     * for out-of-domain scores (org.plankton.core.domain). Engines that cannot expose them say so
     * through {@link #exposesFeatures()}; the torch engine can.
     */
    default FeatureBatch features(float[] rows, int first, int n) {
        throw new UnsupportedOperationException("this engine does not expose penultimate-layer features");
    }

    /** Whether {@link #features} works on this network. */
    default boolean exposesFeatures() {
        return false;
    }

    InputLayout layout();

    /** Every parameter and running statistic, float32, in the engine-neutral order and names. */
    List<NamedTensor> weights();

    int numClasses();

    /** Side of the square input image. */
    default int imageSize() {
        return layout().side();
    }

    /** How the network computes from now on; weights stay float32, so switching back is exact. */
    void setPrecision(Precision precision);

    Precision precision();

    @Override
    void close();
}
