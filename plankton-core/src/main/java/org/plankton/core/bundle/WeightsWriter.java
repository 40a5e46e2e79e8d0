package org.plankton.core.bundle;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the network's weights; supplied by the network module, which alone knows their format.
 * Kept as a callback so the bundle writer decides where (a temporary folder) and when the weights
 * are written, which is what makes the whole bundle atomic.
 */
@FunctionalInterface
public interface WeightsWriter {

    /** Writes the weights to exactly {@code file} (its folder exists; the file does not). */
    void write(Path file) throws IOException;
}
