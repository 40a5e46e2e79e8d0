package org.plankton.core.data;

import java.nio.file.Path;

/** A file that was not used, and why; reported to the user, never dropped silently. */
public record SkippedFile(Path path, String reason) {
    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
