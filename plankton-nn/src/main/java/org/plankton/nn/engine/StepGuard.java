package org.plankton.nn.engine;

import java.util.function.Supplier;

/**
 * Watches every training step: counts it, records whether its gradients were clipped, and stops the
 * run at the first non-finite loss or gradient, naming the step and (through the engine's diagnosis)
 * the first non-finite weights and the layer that exploded, instead of letting NaN weights through to
 * the end of the epoch (where they used to surface as a NaN validation probability or a NaN epoch
 * loss, with no hint of where). The engine computes the norm and clips; this class decides and words it.
 */
public final class StepGuard {

    private final float maxGradNorm;
    private long step;
    private double lastNorm;
    private long clipped;

    /**
     * @param maxGradNorm global L2 norm above which the engine scales gradients down (0: no clipping)
     * @param stepsBefore steps already done (a resumed run), so reported step numbers are global
     */
    public StepGuard(float maxGradNorm, long stepsBefore) {
        if (!(maxGradNorm >= 0) || !Float.isFinite(maxGradNorm)) {
            throw new IllegalArgumentException("gradient clipping norm must be >= 0 and finite, got " + maxGradNorm);
        }
        if (stepsBefore < 0) {
            throw new IllegalArgumentException("steps before must be >= 0, got " + stepsBefore);
        }
        this.maxGradNorm = maxGradNorm;
        this.step = stepsBefore;
    }

    public float maxGradNorm() {
        return maxGradNorm;
    }

    /**
     * After a step's backward pass, before its update: {@code norm} is the global gradient norm before
     * clipping. Throws {@link TrainingDiverged} when the loss or the norm is not finite.
     *
     * @param diagnosis where the network went wrong; asked only after a divergence
     */
    public void check(float loss, double norm, double learningRate, Supplier<String> diagnosis) {
        step++;
        lastNorm = norm;
        if (!Float.isFinite(loss) || !Double.isFinite(norm)) {
            throw new TrainingDiverged(step, String.format(java.util.Locale.ROOT, "training diverged at step %d (loss %s, "
                    + "gradient norm %s, learning rate %.4g): %s. Lower the learning rate (--lr) or clip harder "
                    + "(--clip-grad-norm)", step, loss, norm, learningRate, diagnosis.get()));
        }
        if (clips(norm)) {
            clipped++;
        }
    }

    /** Whether gradients of this norm are scaled down to {@link #maxGradNorm()}. */
    public boolean clips(double norm) {
        return maxGradNorm > 0 && norm > maxGradNorm && Double.isFinite(norm);
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
