package org.plankton.core.ecotaxa;

/**
 * A row (or zip entry) left out because something is wrong with it; the import goes on without it.
 *
 * @param source   {@code <tsv> line <n>}, or the zip entry's name
 * @param objectId empty when unknown
 * @param category empty when unknown
 */
public record ImportProblem(String source, String objectId, String category, String message) {
}
