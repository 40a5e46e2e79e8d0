package org.plankton.server.images;

import java.util.Locale;

/**
 * Review state of an image: only the machine has spoken, a person has confirmed or corrected it,
 * or a person doubts it. {@link #CORRECTED} is a filter only (validated with a label other than
 * the prediction); an image's own status is never it.
 */
public enum Status {
    PREDICTED,
    VALIDATED,
    DUBIOUS,
    CORRECTED;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status parse(String s) {
        for (Status v : values()) {
            if (v.json().equalsIgnoreCase(s.strip())) {
                return v;
            }
        }
        throw new IllegalArgumentException("status must be predicted, validated, corrected or dubious, got '" + s + "'");
    }
}
