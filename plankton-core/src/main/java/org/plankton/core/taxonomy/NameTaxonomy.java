package org.plankton.core.taxonomy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.plankton.core.data.ClassList;

/**
 * A hierarchy derived from NDSB-style class names ({@code copepod_calanoid_eucalanus}), used when
 * a bundle carries no {@code taxonomy.csv}.
 *
 * <ol>
 * <li>The first underscore-separated token picks the top groups from {@link #FIRST_TOKEN}, a short
 *     table written after the NDSB competition's published class tree: the names alone would put
 *     {@code hydromedusae_*} and {@code ephyra} apart and {@code decapods} apart from
 *     {@code shrimp_*}. A token not in the table gives no top group.</li>
 * <li>Below that, every longer name prefix shared by two or more classes is a group, named
 *     {@code prefix*} (it holds the class named exactly {@code prefix}, if any, too:
 *     {@code copepod_calanoid*} holds {@code copepod_calanoid} and its eight sub-classes). A prefix
 *     group with the same classes as the group above it adds nothing and is left out.</li>
 * </ol>
 */
public final class NameTaxonomy {

    /** First token of a class name -> its top groups, root-most first. */
    static final Map<String, List<String>> FIRST_TOKEN = Map.ofEntries(
            Map.entry("acantharia", List.of("protists")),
            Map.entry("protist", List.of("protists")),
            Map.entry("radiolarian", List.of("protists")),
            Map.entry("diatom", List.of("diatoms")),
            Map.entry("trichodesmium", List.of("trichodesmium")),
            Map.entry("copepod", List.of("crustaceans", "copepods")),
            Map.entry("amphipods", List.of("crustaceans")),
            Map.entry("crustacean", List.of("crustaceans")),
            Map.entry("stomatopod", List.of("crustaceans")),
            Map.entry("decapods", List.of("crustaceans", "shrimp-like")),
            Map.entry("euphausiids", List.of("crustaceans", "shrimp-like")),
            Map.entry("shrimp", List.of("crustaceans", "shrimp-like")),
            Map.entry("shrimp-like", List.of("crustaceans", "shrimp-like")),
            Map.entry("hydromedusae", List.of("gelatinous", "medusae")),
            Map.entry("ephyra", List.of("gelatinous", "medusae")),
            Map.entry("jellies", List.of("gelatinous", "medusae")),
            Map.entry("siphonophore", List.of("gelatinous", "siphonophores")),
            Map.entry("ctenophore", List.of("gelatinous", "ctenophores")),
            Map.entry("tunicate", List.of("tunicates")),
            Map.entry("appendicularian", List.of("tunicates", "appendicularians")),
            Map.entry("chaetognath", List.of("chaetognaths")),
            Map.entry("fish", List.of("fish larvae")),
            Map.entry("echinoderm", List.of("invertebrate larvae", "echinoderm larvae")),
            Map.entry("echinopluteus", List.of("invertebrate larvae", "echinoderm larvae")),
            Map.entry("invertebrate", List.of("invertebrate larvae")),
            Map.entry("tornaria", List.of("invertebrate larvae")),
            Map.entry("trochophore", List.of("invertebrate larvae")),
            Map.entry("pteropod", List.of("pelagic gastropods")),
            Map.entry("heteropod", List.of("pelagic gastropods")),
            Map.entry("detritus", List.of("detritus")),
            Map.entry("fecal", List.of("detritus")),
            Map.entry("unknown", List.of("unknown")));

    private NameTaxonomy() {
    }

    public static Taxonomy derive(ClassList classes) {
        int n = classes.size();
        List<String[]> tokens = classes.names().stream().map(s -> s.split("_")).toList();
        // prefix (k tokens, k < the longest name) -> classes whose token list starts with it
        Map<String, Set<Integer>> byPrefix = new LinkedHashMap<>();
        for (int c = 0; c < n; c++) {
            String[] t = tokens.get(c);
            for (int k = 1; k <= t.length; k++) {
                byPrefix.computeIfAbsent(String.join("_", Arrays.copyOf(t, k)), x -> new TreeSet<>()).add(c);
            }
        }
        List<List<String>> paths = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            String[] t = tokens.get(c);
            List<String> path = new ArrayList<>(FIRST_TOKEN.getOrDefault(t[0], List.of()));
            Set<Integer> above = path.isEmpty() ? null : membersOf(path.get(path.size() - 1), tokens);
            for (int k = 1; k < t.length + 1; k++) {
                Set<Integer> m = byPrefix.get(String.join("_", Arrays.copyOf(t, k)));
                boolean onlyItself = m.size() == 1;
                if (onlyItself || m.equals(above)) {
                    continue;
                }
                path.add(String.join("_", Arrays.copyOf(t, k)) + "*");
                above = m;
            }
            paths.add(path);
        }
        return new Taxonomy(classes, paths);
    }

    /** Classes a top group from the table holds. */
    private static Set<Integer> membersOf(String group, List<String[]> tokens) {
        Set<Integer> m = new TreeSet<>();
        for (int c = 0; c < tokens.size(); c++) {
            List<String> g = FIRST_TOKEN.getOrDefault(tokens.get(c)[0], List.of());
            if (g.contains(group)) {
                m.add(c);
            }
        }
        return m;
    }
}
