package org.plankton.server.images;

import java.util.Locale;

/** Review state of an image: only the machine has spoken, or a person has confirmed or corrected it. */
public enum Status {
    PREDICTED,
    VALIDATED;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Status parse(String s) {
        for (Status v : values()) {
            if (v.json().equalsIgnoreCase(s.strip())) {
                return v;
            }
        }
        throw new IllegalArgumentException("status must be predicted or validated, got '" + s + "'");
    }
}
