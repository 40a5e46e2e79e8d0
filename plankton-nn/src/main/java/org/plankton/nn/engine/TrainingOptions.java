package org.plankton.nn.engine;

import java.util.Objects;

/**
 * How a training session trains.
 *
 * @param optimizer    optimiser and its initial learning rate
 * @param precision    fp32, or bf16 autocast (weights, gradients and optimiser state stay float32)
 * @param gradClipNorm global gradient norm above which gradients are scaled down (0: never)
 * @param seed         fixes the initial weights and the engine's random stream (dropout)
 * @param stepsBefore  steps done before this session (a resumed run), so step numbers are global
 */
public record TrainingOptions(OptimizerConfig optimizer, Precision precision, float gradClipNorm, long seed,
                              long stepsBefore) {

    public TrainingOptions {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(precision, "precision");
        if (!(gradClipNorm >= 0) || !Float.isFinite(gradClipNorm)) {
            throw new IllegalArgumentException("gradient clipping norm must be >= 0 and finite, got " + gradClipNorm);
        }
        if (stepsBefore < 0) {
            throw new IllegalArgumentException("steps before must be >= 0, got " + stepsBefore);
        }
    }
}
