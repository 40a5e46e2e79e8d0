package org.plankton.core.ecotaxa;

/**
 * What to take from an export. Only {@code validated} objects by default: {@code predicted} labels
 * are a machine's guesses (training on them teaches the model its own mistakes) and {@code dubious}
 * ones were doubted by a person.
 *
 * @param force replace an existing non-empty output folder
 */
public record ImportOptions(boolean includeDubious, boolean includePredicted, boolean force) {

    public static ImportOptions validatedOnly() {
        return new ImportOptions(false, false, false);
    }

    boolean includes(AnnotationStatus s) {
        return s == AnnotationStatus.VALIDATED || (s == AnnotationStatus.DUBIOUS && includeDubious)
                || (s == AnnotationStatus.PREDICTED && includePredicted);
    }

    /** "validated only", "validated and dubious", ... for the summary line. */
    String describe() {
        if (includeDubious && includePredicted) {
            return "validated, dubious and predicted";
        }
        return includeDubious ? "validated and dubious" : includePredicted ? "validated and predicted" : "validated only";
    }
}
