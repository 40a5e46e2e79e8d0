package org.plankton.nn.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The training precision and why: bf16 by default where the CPU computes bfloat16 natively (AVX-512
 * BF16 or AMX: 2-4x faster than fp32), fp32 elsewhere (oneDNN would emulate bf16, slower than fp32).
 *
 * @param reason for the first line of {@code train}, e.g. {@code CPU has AVX-512 BF16}
 */
public record PrecisionChoice(Precision precision, String reason) {

    public PrecisionChoice {
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(reason, "reason");
    }

    /** What the user asked for. */
    public static PrecisionChoice requested(Precision precision) {
        return new PrecisionChoice(precision, "--precision " + precision.id());
    }

    /** The default for this machine, from {@code /proc/cpuinfo}. */
    public static PrecisionChoice forThisCpu() {
        return forCpu(Path.of("/proc/cpuinfo"));
    }

    static PrecisionChoice forCpu(Path cpuinfo) {
        List<String> flags;
        try (var lines = Files.lines(cpuinfo)) {
            flags = lines.filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> Arrays.asList(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))).orElse(List.of());
        } catch (IOException | java.io.UncheckedIOException e) {
            return new PrecisionChoice(Precision.FP32, "cannot read " + cpuinfo + " to look for AVX-512 BF16 or AMX");
        }
        boolean avx512 = flags.contains("avx512_bf16");
        boolean amx = flags.contains("amx_bf16");
        if (avx512 || amx) {
            return new PrecisionChoice(Precision.BF16, "CPU has " + (avx512 && amx ? "AVX-512 BF16 and AMX"
                    : avx512 ? "AVX-512 BF16" : "AMX"));
        }
        return new PrecisionChoice(Precision.FP32, "CPU has neither AVX-512 BF16 nor AMX");
    }

    /** E.g. {@code bf16 (CPU has AVX-512 BF16)}. */
    public String describe() {
        return precision.id() + " (" + reason + ")";
    }
}
