package org.plankton.nn.train;

import java.lang.management.ManagementFactory;

/**
 * The training budget: wall-clock seconds and/or process CPU seconds (all threads, so on a 2-core
 * machine 30 CPU-minutes are about 15 wall minutes). CPU time is the fairer budget on a shared,
 * noisy machine: another process slowing us down costs wall time, not our CPU time.
 * Time already used before a {@code --resume} is carried in.
 */
final class Budget {

    private final long wallLimit;
    private final long cpuLimit;
    private final double wallBefore;
    private final double cpuBefore;
    private final long wallStart = System.nanoTime();
    private final long cpuStart = processCpuNanos();

    Budget(long wallLimitSeconds, long cpuLimitSeconds, double wallUsedBefore, double cpuUsedBefore) {
        this.wallLimit = wallLimitSeconds;
        this.cpuLimit = cpuLimitSeconds;
        this.wallBefore = wallUsedBefore;
        this.cpuBefore = cpuUsedBefore;
    }

    double wallSeconds() {
        return wallBefore + (System.nanoTime() - wallStart) / 1e9;
    }

    double cpuSeconds() {
        long now = processCpuNanos();
        return cpuBefore + (now < 0 || cpuStart < 0 ? 0 : (now - cpuStart) / 1e9);
    }

    /** Share of the budget used, in [0, 1]; 0 when there is no budget. */
    double progress() {
        double p = 0;
        if (wallLimit > 0) {
            p = Math.max(p, wallSeconds() / wallLimit);
        }
        if (cpuLimit > 0) {
            p = Math.max(p, cpuSeconds() / cpuLimit);
        }
        return Math.min(1, p);
    }

    boolean limited() {
        return wallLimit > 0 || cpuLimit > 0;
    }

    boolean exhausted() {
        return limited() && progress() >= 1;
    }

    String describe() {
        return String.format("%.0f s wall, %.0f s CPU used (budget: %s wall, %s CPU)", wallSeconds(), cpuSeconds(),
                wallLimit > 0 ? wallLimit + " s" : "none", cpuLimit > 0 ? cpuLimit + " s" : "none");
    }

    /** CPU time of this process (all threads) in nanoseconds, or -1 where the JVM cannot tell. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
