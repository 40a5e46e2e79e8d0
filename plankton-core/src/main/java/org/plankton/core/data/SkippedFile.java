package org.plankton.core.data;

import java.nio.file.Path;

/**
 * An entry that was not used, what kind of problem it is, and why; reported to the user (listed,
 * or at least counted), never dropped silently.
 */
public record SkippedFile(Path path, Kind kind, String reason) {

    /** Kinds are what summaries count separately, because each asks the user for something different. */
    public enum Kind {
        /** Readable, but its content is not an image we decode: SVG, text, HTML, an empty file. */
        NOT_IMAGE,
        /**
         * Could not be read: broken symbolic link, link loop, no permission, a named pipe, socket or
         * device, a folder that cannot be listed, or an image that does not decode.
         */
        UNREADABLE,
        /** Name starts with '.': editor, OS or VCS debris ({@code .DS_Store}, {@code ._x.jpg}, {@code .git}). */
        HIDDEN,
        /** A file this very run writes ({@code *.part}, its CSV or errors file) that lies inside its input. */
        OWN_OUTPUT,
        /** Fine in itself but of no use here: outside any class folder, a class the model lacks, a bad manifest row. */
        UNUSED
    }

    public SkippedFile {
        if (path == null || kind == null || reason == null) {
            throw new IllegalArgumentException("path, kind and reason must not be null, got " + path + ", " + kind
                    + ", " + reason);
        }
    }

    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
