package org.plankton.nn.train;

import ai.djl.training.Trainer;
import java.util.function.DoubleSupplier;

/**
 * Watches every training step: clips the global gradient norm, and stops the run at the first
 * non-finite loss or gradient, naming the step and the layer that exploded, instead of letting
 * NaN weights through to the end of the epoch (where they used to surface as a NaN validation
 * probability or a NaN epoch loss, with no hint of where).
 */
public final class StepGuard {

    private final float maxGradNorm;
    private final DoubleSupplier learningRate;
    private long step;
    private double lastNorm;
    private long clipped;

    /**
     * @param maxGradNorm  global L2 norm above which gradients are scaled down (0: no clipping)
     * @param learningRate the current learning rate, for the message
     * @param stepsBefore  steps already done (a resumed run), so reported step numbers are global
     */
    public StepGuard(float maxGradNorm, DoubleSupplier learningRate, long stepsBefore) {
        if (!(maxGradNorm >= 0) || !Float.isFinite(maxGradNorm)) {
            throw new IllegalArgumentException("gradient clipping norm must be >= 0 and finite, got " + maxGradNorm);
        }
        this.maxGradNorm = maxGradNorm;
        this.learningRate = learningRate;
        this.step = stepsBefore;
    }

    void afterBackward(Trainer trainer, Batch batch, float loss) {
        step++;
        double norm = GradientClipping.clip(trainer, maxGradNorm);
        lastNorm = norm;
        if (!Float.isFinite(loss) || !Double.isFinite(norm)) {
            String where = DivergenceDiagnosis.describe(trainer.getModel().getBlock(), trainer.getManager(), batch);
            throw new TrainingDiverged(step, String.format("training diverged at step %d (loss %s, gradient norm %s, "
                    + "learning rate %.4g): %s. Lower the learning rate (--lr) or clip harder (--clip-grad-norm)",
                    step, loss, norm, learningRate.getAsDouble(), where));
        }
        if (maxGradNorm > 0 && norm > maxGradNorm) {
            clipped++;
        }
    }

    /** Steps seen so far, including those before a resume. */
    public long steps() {
        return step;
    }

    /** The global gradient norm of the last step, before clipping. */
    public double lastGradientNorm() {
        return lastNorm;
    }

    /** Steps whose gradients were scaled down, in this session. */
    public long clippedSteps() {
        return clipped;
    }
}
