package org.plankton.nn.engine;

import java.util.Locale;

/**
 * How the network computes. Weights, their gradients, the loss and the optimiser state are float32
 * in both; {@link #BF16} runs the convolutions and matrix products in bfloat16 through PyTorch's
 * CPU autocast (mixed precision). On CPUs with AVX-512 BF16 or AMX that is 2-4x faster; elsewhere
 * oneDNN emulates bf16 and it still runs, only slower.
 */
public enum Precision {
    FP32,
    BF16;

    /** {@code fp32} or {@code bf16} (any case); IllegalArgumentException naming the choices otherwise. */
    public static Precision parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("precision must be fp32 or bf16, got '" + s + "'");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
