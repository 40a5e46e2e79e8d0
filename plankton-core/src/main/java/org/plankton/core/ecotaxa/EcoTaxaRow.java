package org.plankton.core.ecotaxa;

/**
 * One data row of an EcoTaxa TSV, reduced to what an import into a training folder needs.
 *
 * @param tsv          the TSV's path inside the export ({@code /}-separated), for messages
 * @param line         1-based line in the TSV (the first data row is line 3 with a type row), as EcoTaxa counts
 * @param imgFileName  as written, relative to the TSV's folder
 * @param hierarchy    {@code object_annotation_hierarchy} ({@code >}-joined lineage), empty when absent
 */
public record EcoTaxaRow(String tsv, int line, String objectId, String imgFileName, String category,
                         AnnotationStatus status, String hierarchy) {

    /** The last element of the lineage (the plain taxon name, where the category may be {@code name<parent}). */
    public String hierarchyLeaf() {
        int i = hierarchy.lastIndexOf('>');
        return (i < 0 ? hierarchy : hierarchy.substring(i + 1)).strip();
    }

    public String where() {
        return tsv + " line " + line;
    }
}
