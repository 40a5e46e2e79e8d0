package org.plankton.core.ecotaxa;

import java.util.List;

/**
 * What an import did: one line per category and every row left out for a problem.
 *
 * @param unclassified objects with neither status nor category (never imported)
 */
public record ImportReport(List<CategoryLine> categories, List<ImportProblem> problems, int unclassified,
                           ImportOptions options) {

    /** One EcoTaxa category: its objects by status, where they went, and how many images were written. */
    public record CategoryLine(CategoryMapping mapping, int validated, int predicted, int dubious, int written) {
    }

    public int imagesWritten() {
        return categories.stream().mapToInt(CategoryLine::written).sum();
    }

    /** Folders that received at least one image. */
    public long classes() {
        return categories.stream().filter(c -> c.written() > 0).map(c -> c.mapping().folder()).distinct().count();
    }

    public int leftOut(AnnotationStatus s) {
        if (options.includes(s)) {
            return 0;
        }
        return categories.stream().mapToInt(c -> s == AnnotationStatus.PREDICTED ? c.predicted()
                : s == AnnotationStatus.DUBIOUS ? c.dubious() : 0).sum();
    }

    /** The summary line the CLI prints. */
    public String summary(String reportFile) {
        String s = imagesWritten() + " images imported into " + classes() + " classes (" + options.describe() + "); "
                + leftOut(AnnotationStatus.PREDICTED) + " predicted and " + leftOut(AnnotationStatus.DUBIOUS)
                + " dubious objects left out; " + problems.size() + " rows with errors (see " + reportFile + ")";
        return unclassified == 0 ? s : s + "; " + unclassified + " unclassified objects left out";
    }
}
