package org.plankton.nn.train;

import org.plankton.core.augment.AugmentConfig;
import org.plankton.nn.engine.OptimizerKind;

/**
 * Training settings; saved in the bundle's provenance and compared on {@code --resume}.
 *
 * @param epochs            maximum number of passes over the training split
 * @param batchSize         images per step
 * @param optimizer         {@code nesterov} (SGD with Nesterov momentum, the recipe) or {@code adamw};
 *                          saved as that lowercase word
 * @param learningRate      peak learning rate
 * @param momentum          Nesterov momentum (ignored by AdamW)
 * @param weightDecay       L2 weight decay (recipe: 5e-4)
 * @param schedule          learning-rate schedule kind, see {@link LearningRateSchedule}; saved as its
 *                          lowercase word
 * @param warmup            share of training spent warming the learning rate up
 * @param valFraction       stratified share of each class held out for validation, in [0, 1)
 * @param seed              seed of the train/validation split
 * @param timeBudgetSeconds stop after this much wall-clock training time (0: no limit); the
 *                          schedule is stretched to the budget
 * @param cpuBudgetSeconds  stop after this much process CPU time (0: no limit), the budget that a
 *                          noisy shared machine does not distort
 * @param augment           random affine augmentation ranges
 * @param loaderThreads     background threads preparing augmented batches (0: in the training thread)
 * @param trainSeed         seed of weight initialisation, epoch order and augmentation; usually
 *                          {@code seed}, another value trains a different model on the same split
 *                          (ensemble members)
 * @param minImagesPerClass classes with fewer images are left out of the run (1: keep all)
 * @param mixup             mixup's Beta(alpha, alpha) parameter (0: off): each batch is blended with a
 *                          shuffled copy of itself, images and one-hot targets alike
 * @param gradClipNorm      global L2 norm of the gradients above which a step is scaled down to it
 *                          (0: off); see {@link org.plankton.nn.engine.StepGuard}
 */
public record TrainConfig(int epochs, int batchSize, OptimizerKind optimizer, float learningRate, float momentum,
                          float weightDecay, ScheduleKind schedule, double warmup, double valFraction, long seed,
                          long timeBudgetSeconds, long cpuBudgetSeconds, AugmentConfig augment, int loaderThreads,
                          long trainSeed, int minImagesPerClass, float mixup, float gradClipNorm) {

    /**
     * Default clipping norm. Measured: on the small test ResNet healthy steps had gradient norms of
     * 0.7-13 (median 1.7), the steps before a divergence grew from 30 to 10^15 within six steps; on
     * NDSB at 48 px (the v4 architecture, onecycle peak lr 0.05) none of 412 steps reached 10. So
     * it leaves healthy training alone and stops the runaway (docs/results.md).
     */
    public static final float DEFAULT_GRAD_CLIP_NORM = 10f;

    /** Default gradient clipping. */
    public TrainConfig(int epochs, int batchSize, OptimizerKind optimizer, float learningRate, float momentum,
                       float weightDecay, ScheduleKind schedule, double warmup, double valFraction, long seed,
                       long timeBudgetSeconds, long cpuBudgetSeconds, AugmentConfig augment, int loaderThreads,
                       long trainSeed, int minImagesPerClass, float mixup) {
        this(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, warmup, valFraction, seed,
                timeBudgetSeconds, cpuBudgetSeconds, augment, loaderThreads, trainSeed, minImagesPerClass, mixup,
                DEFAULT_GRAD_CLIP_NORM);
    }

    /** No mixup. */
    public TrainConfig(int epochs, int batchSize, OptimizerKind optimizer, float learningRate, float momentum,
                       float weightDecay, ScheduleKind schedule, double warmup, double valFraction, long seed,
                       long timeBudgetSeconds, long cpuBudgetSeconds, AugmentConfig augment, int loaderThreads,
                       long trainSeed, int minImagesPerClass) {
        this(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, warmup, valFraction, seed,
                timeBudgetSeconds, cpuBudgetSeconds, augment, loaderThreads, trainSeed, minImagesPerClass, 0f);
    }

    /** All classes kept. */
    public TrainConfig(int epochs, int batchSize, OptimizerKind optimizer, float learningRate, float momentum,
                       float weightDecay, ScheduleKind schedule, double warmup, double valFraction, long seed,
                       long timeBudgetSeconds, long cpuBudgetSeconds, AugmentConfig augment, int loaderThreads,
                       long trainSeed) {
        this(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, warmup, valFraction, seed,
                timeBudgetSeconds, cpuBudgetSeconds, augment, loaderThreads, trainSeed, 1);
    }

    public TrainConfig {
        if (!(gradClipNorm >= 0) || !Float.isFinite(gradClipNorm)) {
            throw new IllegalArgumentException("gradient clipping norm must be >= 0 and finite (0: off), got "
                    + gradClipNorm);
        }
        if (!(mixup >= 0 && mixup <= 10)) {
            throw new IllegalArgumentException("mixup alpha must be in [0, 10], got " + mixup);
        }
        if (minImagesPerClass < 1) {
            throw new IllegalArgumentException("minimum images per class must be >= 1, got " + minImagesPerClass);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 2 || batchSize > 4096) {
            throw new IllegalArgumentException("batch size must be in [2, 4096], got " + batchSize);
        }
        if (optimizer == null) {
            throw new IllegalArgumentException("optimizer must be given (known: nesterov, adamw)");
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + valFraction);
        }
        if (timeBudgetSeconds < 0 || cpuBudgetSeconds < 0) {
            throw new IllegalArgumentException("time budgets must be >= 0 seconds, got " + timeBudgetSeconds
                    + " s wall and " + cpuBudgetSeconds + " s CPU");
        }
        if (loaderThreads < 0) {
            throw new IllegalArgumentException("loader threads must be >= 0, got " + loaderThreads);
        }
        new LearningRateSchedule(schedule, learningRate, warmup); // validates both
    }

    /** Nesterov SGD, lr 0.02 with cosine annealing, batch 64, 10% validation, recipe augmentation. */
    public static TrainConfig defaults() {
        return new TrainConfig(30, 64, OptimizerKind.NESTEROV, 0.02f, 0.9f, 5e-4f, ScheduleKind.COSINE, 0.03, 0.1, 42L, 0, 0,
                AugmentConfig.defaults(), 1, 42L);
    }

    /** The same settings with another gradient clipping norm (0: off). */
    public TrainConfig withGradClipNorm(float norm) {
        return new TrainConfig(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, warmup,
                valFraction, seed, timeBudgetSeconds, cpuBudgetSeconds, augment, loaderThreads, trainSeed,
                minImagesPerClass, mixup, norm);
    }

    public LearningRateSchedule learningRateSchedule() {
        return new LearningRateSchedule(schedule, learningRate, warmup);
    }

}
