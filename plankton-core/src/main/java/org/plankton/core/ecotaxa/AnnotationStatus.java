package org.plankton.core.ecotaxa;

import java.util.Locale;
import java.util.Optional;

/** {@code object_annotation_status}; an empty value means the object was never classified. */
public enum AnnotationStatus {
    VALIDATED,
    PREDICTED,
    DUBIOUS,
    UNCLASSIFIED;

    /** EcoTaxa matches the status ignoring case; anything else is an invalid row (empty means unclassified). */
    static Optional<AnnotationStatus> parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "" -> Optional.of(UNCLASSIFIED);
            case "validated" -> Optional.of(VALIDATED);
            case "predicted" -> Optional.of(PREDICTED);
            case "dubious" -> Optional.of(DUBIOUS);
            default -> Optional.empty();
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
