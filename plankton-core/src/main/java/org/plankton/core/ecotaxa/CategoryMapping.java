package org.plankton.core.ecotaxa;

/**
 * Where the objects of one EcoTaxa category go.
 *
 * @param folder the class folder (a model class name, or {@link FolderNames#sanitise} of the category)
 * @param note   why, in words, for the report (e.g. which group matched, or why a match was ambiguous)
 */
public record CategoryMapping(String category, String folder, Rule rule, String note) {

    /** How the folder was chosen, in the order they are tried. */
    public enum Rule {
        /** the category is a class of the model */
        CLASS,
        /** the category is a group of the model's taxonomy that holds exactly one class */
        GROUP,
        /** the last element of object_annotation_hierarchy is a class, or a one-class group */
        HIERARCHY,
        /** no model, or no unambiguous match: the category's own name, sanitised */
        NAME
    }
}
