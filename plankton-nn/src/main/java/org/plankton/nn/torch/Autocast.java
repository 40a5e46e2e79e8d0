package org.plankton.nn.torch;

import org.plankton.nn.engine.Precision;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A CPU autocast region, as Python's {@code with torch.autocast("cpu", dtype=torch.bfloat16)}:
 * inside it, the ops on autocast's lower-precision list (convolutions, linear, matmul) cast their
 * inputs and weights to bfloat16, while the weights stay float32 and the ops on its fp32 list
 * (losses, softmax, ...) stay float32. The state is thread-local in libtorch, so open and close
 * the region on the thread that runs the forward pass; JNI calls run on the calling Java thread.
 *
 * <p>On exit the cast-weight cache is cleared (as Python's autocast does when the outermost region
 * closes): the cached bf16 copies would otherwise be stale after the optimiser updates the weights.
 */
final class Autocast implements AutoCloseable {

    private final boolean active;
    private final boolean wasEnabled;
    private final ScalarType oldType;

    private Autocast(boolean active) {
        this.active = active;
        if (active) {
            wasEnabled = torch.is_autocast_enabled(DeviceType.CPU);
            oldType = torch.get_autocast_dtype(DeviceType.CPU);
            torch.set_autocast_dtype(DeviceType.CPU, ScalarType.BFloat16);
            torch.set_autocast_enabled(DeviceType.CPU, true);
            torch.increment_nesting();
        } else {
            wasEnabled = false;
            oldType = null;
        }
    }

    /** Opens a region for {@code precision}; for FP32 it does nothing. */
    static Autocast open(Precision precision) {
        return new Autocast(precision == Precision.BF16);
    }

    @Override
    public void close() {
        if (active) {
            if (torch.decrement_nesting() == 0) {
                torch.clear_cache();
            }
            torch.set_autocast_enabled(DeviceType.CPU, wasEnabled);
            torch.set_autocast_dtype(DeviceType.CPU, oldType);
        }
    }
}
