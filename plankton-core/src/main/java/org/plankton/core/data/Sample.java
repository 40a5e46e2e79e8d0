package org.plankton.core.data;

import java.nio.file.Path;

/** One labelled image file: its path and its class index in a {@link ClassList}. */
public record Sample(Path path, int label) {
    public Sample {
        if (path == null) {
            throw new IllegalArgumentException("sample path must not be null");
        }
        if (label < 0) {
            throw new IllegalArgumentException("label must be >= 0, got " + label + " for " + path);
        }
    }
}
