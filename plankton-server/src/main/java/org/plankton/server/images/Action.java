package org.plankton.server.images;

import java.util.Locale;

/** What a person did to an image's label. */
public enum Action {
    /** Confirmed the current label. */
    VALIDATE,
    /** Replaced the current label by another. */
    CORRECT,
    /** Doubted the current label (which stays): the image wants a second look. */
    DUBIOUS,
    /** Back to the model's prediction, as if unreviewed (only an undo writes it; its label is null). */
    RESET;

    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Action parse(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }

    /** The review state an image is in after this action. */
    public Status status() {
        return switch (this) {
            case VALIDATE, CORRECT -> Status.VALIDATED;
            case DUBIOUS -> Status.DUBIOUS;
            case RESET -> Status.PREDICTED;
        };
    }
}
