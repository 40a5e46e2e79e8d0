package org.plankton.server.images;

import java.util.Locale;

/** What a person did to an image's label. */
public enum Action {
    /** Confirmed the current label. */
    VALIDATE,
    /** Replaced the current label by another. */
    CORRECT;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
