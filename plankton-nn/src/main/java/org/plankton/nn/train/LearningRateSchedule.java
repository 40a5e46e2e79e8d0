package org.plankton.nn.train;

/**
 * Learning rate as a function of training progress in [0, 1], where progress is the larger of
 * the share of steps done and the share of the wall-clock budget used (so a time-limited run still
 * anneals to the end of its schedule).
 *
 * @param kind   {@code cosine} (anneal to 1% of base), {@code step} (the recipe: x0.1 at 83% and
 *               again at 95%), {@code onecycle} (Smith's: linear ramp from base/25 to base over
 *               the first 30%, then cosine down to base/10^4; ignores {@code warmup}) or
 *               {@code constant}
 * @param base   peak learning rate
 * @param warmup share of progress spent ramping linearly from 10% of base up to base
 */
public record LearningRateSchedule(ScheduleKind kind, float base, double warmup) {

    public LearningRateSchedule {
        if (kind == null) {
            throw new IllegalArgumentException("schedule must be given (known: cosine, step, onecycle, constant)");
        }
        if (!(base > 0) || !Float.isFinite(base)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + base);
        }
        if (!(warmup >= 0 && warmup < 1)) {
            throw new IllegalArgumentException("warmup must be in [0, 1), got " + warmup);
        }
    }

    public float at(double progress) {
        double p = Math.min(1, Math.max(0, progress));
        if (kind == ScheduleKind.ONECYCLE) {
            double peak = 0.3;
            double factor = p < peak ? 1.0 / 25 + (1 - 1.0 / 25) * p / peak
                    : 1e-4 + (1 - 1e-4) * 0.5 * (1 + Math.cos(Math.PI * (p - peak) / (1 - peak)));
            return (float) (base * factor);
        }
        double factor = switch (kind) {
            case COSINE -> 0.01 + 0.99 * 0.5 * (1 + Math.cos(Math.PI * p));
            case STEP -> p < 0.83 ? 1 : p < 0.95 ? 0.1 : 0.01;
            case CONSTANT, ONECYCLE -> 1;
        };
        if (warmup > 0 && p < warmup) {
            factor *= 0.1 + 0.9 * p / warmup;
        }
        return (float) (base * factor);
    }
}
