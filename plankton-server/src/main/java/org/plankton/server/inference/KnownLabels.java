package org.plankton.server.inference;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.plankton.core.taxonomy.WormsTaxa;

/**
 * The labels a correction may use without saying it means a new class: the model's classes, the
 * groups of its taxonomy (a reviewer may only be sure of "copepod"), and the scientific names of
 * the WoRMS mapping (case-insensitive, as taxon names are). Anything else is most often a typo
 * ("copepd_calanoid"), which would otherwise become a class of its own in every count and export.
 */
public final class KnownLabels {

    private final Set<String> exact;
    private final WormsTaxa taxa;

    public KnownLabels(List<String> classes, List<String> groups, WormsTaxa taxa) {
        Set<String> s = new LinkedHashSet<>(classes);
        s.addAll(groups);
        this.exact = Set.copyOf(s);
        this.taxa = taxa;
    }

    /** Every known label: classes and groups as given, then the WoRMS mapping's scientific names; sorted, without repeats. */
    public List<String> names() {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(exact);
        for (var t : taxa.all()) {
            if (t.scientificName() != null && !t.scientificName().isBlank()) {
                all.add(t.scientificName());
            }
        }
        return List.copyOf(all);
    }

    public boolean contains(String label) {
        return exact.contains(label) || taxa.isScientificName(label);
    }
}
