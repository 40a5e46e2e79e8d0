package org.plankton.core.taxonomy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.plankton.core.data.ClassList;
import org.plankton.core.metrics.Argmax;

/**
 * A class hierarchy over a model's classes: each class has a path of ancestor groups, root-most
 * first, not counting the root ({@link #ROOT}) nor the class itself. Group names are unique in
 * the tree (a group has one parent) and distinct from class names.
 */
public final class Taxonomy {

    /** The node above everything; its probability is always 1. */
    public static final String ROOT = "all";
    /** The file a bundle may carry to override the derived hierarchy. */
    public static final String FILE = "taxonomy.csv";

    private final ClassList classes;
    private final List<List<String>> paths;
    /** group -> member class indices, groups in first-seen order */
    private final Map<String, int[]> members;

    /** @param paths per class (classes.txt order), its ancestor groups root-most first */
    public Taxonomy(ClassList classes, List<List<String>> paths) {
        if (paths.size() != classes.size()) {
            throw new IllegalArgumentException("paths for " + paths.size() + " classes, the model has " + classes.size());
        }
        this.classes = classes;
        this.paths = paths.stream().map(List::copyOf).toList();
        Map<String, List<Integer>> m = new LinkedHashMap<>();
        Map<String, String> parent = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            List<String> path = this.paths.get(c);
            for (int d = 0; d < path.size(); d++) {
                String g = path.get(d);
                if (g.isBlank() || g.equals(ROOT) || classes.find(g).isPresent()) {
                    throw new IllegalArgumentException("class " + classes.name(c) + ": group name '" + g
                            + "' is blank, the root, or a class name");
                }
                String p = d == 0 ? ROOT : path.get(d - 1);
                String before = parent.putIfAbsent(g, p);
                if (before != null && !before.equals(p)) {
                    throw new IllegalArgumentException("group '" + g + "' has two parents: '" + before + "' and '" + p
                            + "' (class " + classes.name(c) + ")");
                }
                m.computeIfAbsent(g, k -> new ArrayList<>()).add(c);
            }
        }
        members = new LinkedHashMap<>();
        m.forEach((g, l) -> members.put(g, l.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** The bundle's {@code taxonomy.csv} when it has one, else the hierarchy derived from the class names. */
    public static Taxonomy forBundle(Path bundleDir, ClassList classes) throws IOException {
        Path file = bundleDir.resolve(FILE);
        return Files.exists(file) ? TaxonomyCsv.read(file, classes) : NameTaxonomy.derive(classes);
    }

    public ClassList classes() {
        return classes;
    }

    /** The ancestor groups of class {@code c}, root-most first (root not included). */
    public List<String> path(int c) {
        return paths.get(c);
    }

    /** Every group, in first-seen order. */
    public List<String> groups() {
        return List.copyOf(members.keySet());
    }

    /**
     * Taxonomic back-off: the top class if its probability reaches {@code threshold}, else the
     * first of its ancestors, deepest first, whose classes' summed probability does; the root
     * when none does. Walking up from the top class (rather than searching every node) keeps the
     * answer consistent with the plain prediction: it is always the top class or a group holding it.
     */
    public GroupPrediction backOff(float[] probabilities, double threshold) {
        if (probabilities.length != classes.size()) {
            throw new IllegalArgumentException("expected " + classes.size() + " probabilities, got " + probabilities.length);
        }
        int top = Argmax.of(probabilities);
        if (probabilities[top] >= threshold) {
            return new GroupPrediction(classes.name(top), probabilities[top], true);
        }
        List<String> path = paths.get(top);
        for (int d = path.size() - 1; d >= 0; d--) {
            double sum = 0;
            for (int c : members.get(path.get(d))) {
                sum += probabilities[c];
            }
            if (sum >= threshold) {
                return new GroupPrediction(path.get(d), sum, false);
            }
        }
        double all = 0;
        for (float p : probabilities) {
            all += p;
        }
        return new GroupPrediction(ROOT, all, false);
    }

    /** Whether node {@code node} (a class, a group or the root) holds class {@code c}. */
    public boolean holds(String node, int c) {
        return node.equals(ROOT) || node.equals(classes.name(c)) || paths.get(c).contains(node);
    }

    /**
     * The top level: each class's root-most group, or the class itself when it sits directly
     * under the root. What {@code classify --counts --level group} counts by.
     */
    public GroupLevel topLevel() {
        List<String> names = new ArrayList<>();
        int[] of = new int[classes.size()];
        for (int c = 0; c < classes.size(); c++) {
            String n = paths.get(c).isEmpty() ? classes.name(c) : paths.get(c).get(0);
            int i = names.indexOf(n);
            if (i < 0) {
                names.add(n);
                i = names.size() - 1;
            }
            of[c] = i;
        }
        return new GroupLevel(ClassList.ordered(names), of);
    }
}
