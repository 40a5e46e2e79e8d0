package org.plankton.nn.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrecisionChoiceTest {

    @TempDir
    Path tmp;

    private PrecisionChoice forFlags(String flags) throws Exception {
        Path cpuinfo = tmp.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nmodel name\t: a CPU\nflags\t\t: " + flags + "\n\nprocessor\t: 1\n");
        return PrecisionChoice.forCpu(cpuinfo);
    }

    @Test
    void bf16WhereTheCpuComputesItNativelyFp32Elsewhere() throws Exception {
        assertThat(forFlags("fpu sse2 avx2 avx512f avx512_bf16 avx512_vnni").describe())
                .isEqualTo("bf16 (CPU has AVX-512 BF16)");
        assertThat(forFlags("fpu avx512f amx_bf16 amx_tile").describe()).isEqualTo("bf16 (CPU has AMX)");
        assertThat(forFlags("avx512_bf16 amx_bf16").describe()).isEqualTo("bf16 (CPU has AVX-512 BF16 and AMX)");
        // Whole flags only: avx512_bf16x (made up) or avx512f alone are not bf16 hardware.
        assertThat(forFlags("fpu sse2 avx2 avx512f avx512_bf16x").precision()).isEqualTo(Precision.FP32);
        assertThat(forFlags("fpu sse2 avx2").describe()).isEqualTo("fp32 (CPU has neither AVX-512 BF16 nor AMX)");
        assertThat(PrecisionChoice.forCpu(tmp.resolve("missing")).precision()).isEqualTo(Precision.FP32);
        assertThat(PrecisionChoice.requested(Precision.FP32).describe()).isEqualTo("fp32 (--precision fp32)");
    }
}
