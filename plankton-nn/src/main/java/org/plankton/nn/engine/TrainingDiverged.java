package org.plankton.nn.engine;

/**
 * Training produced a non-finite loss or gradient. The message names the step, the learning rate
 * and, where it could be found, the first layer whose activations exploded.
 */
public final class TrainingDiverged extends IllegalStateException {

    private final long step;

    public TrainingDiverged(long step, String message) {
        super(message);
        this.step = step;
    }

    /** The 1-based optimisation step at which the divergence was seen. */
    public long step() {
        return step;
    }
}
